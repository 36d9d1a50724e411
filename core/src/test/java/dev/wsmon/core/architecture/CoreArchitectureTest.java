package dev.wsmon.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.wsmon.core.MonotonicClock;
import java.time.Instant;

/** The layering rules of DESIGN.md, as tests. Test servers are test code and not analysed. */
@AnalyzeClasses(packages = "dev.wsmon.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the engine is a library usable without a UI, and headless mode must not need a toolkit");

    @ArchTest
    static final ArchRule onlyTransportImportsJavaWebSocket = noClasses().that()
            .resideOutsideOfPackage("dev.wsmon.core.transport..")
            .should().dependOnClassesThat().resideInAPackage("org.java_websocket..")
            .because("one class owns the library's quirks (non-reusable clients, onClose semantics, its "
                    + "threads); everything else sees only the Transport interface");

    @ArchTest
    static final ArchRule machineIsPure = noClasses().that().resideInAPackage("dev.wsmon.core.machine..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.util.concurrent..", "javax.net..")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Thread.class, "sleep", long.class)
            .because("the state machine decides every failure mode and is tested with plain calls and a fake "
                    + "clock: no sockets, threads or clock of its own");

    @ArchTest
    static final ArchRule oneClock = noClasses().that().doNotBelongToAnyOf(MonotonicClock.class)
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Instant.class, "now")
            .because("every time the engine compares comes from the one injected MonotonicClock: a ping stamped "
                    + "with another clock than its pong, or a deadline on another clock than its check, is wrong "
                    + "the moment a test or a caller injects a clock");
}
