package dev.wsmon.app.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import java.time.Instant;
import java.util.concurrent.Future;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application's layering rules: MVVM for the desktop, and who may touch Java-WebSocket. */
class AppArchitectureTest {

    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wsmon.app");
    }

    @Test
    void viewModelsImportNoSceneOrStage() {
        noClasses().that().resideInAPackage("dev.wsmon.app.viewmodel..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "javafx.application..", "org.jfree.chart.fx..")
                .because("view models hold state and intent only, so they are unit-tested without the FX toolkit "
                        + "(DESIGN.md, App: MVVM)")
                .check(app);
    }

    @Test
    void viewModelsKnowNoViews() {
        noClasses().that().resideInAPackage("dev.wsmon.app.viewmodel..")
                .should().dependOnClassesThat().resideInAPackage("dev.wsmon.app.desktop..")
                .because("views bind to view models, never the other way round")
                .check(app);
    }

    @Test
    void onlyDemoAndTestServersImportJavaWebSocket() {
        noClasses().that().resideOutsideOfPackage("dev.wsmon.app.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.java_websocket..")
                .because("the engine's transport is the one client of Java-WebSocket; the app only runs the demo echo "
                        + "server with it (STYLE.md anti-patterns: no WebSocketClient in UI code)")
                .check(app);
    }

    @Test
    void nothingPostsToTheFxThreadOneRunnableAtATime() {
        noClasses().that().doNotHaveSimpleName("DesktopLauncher") // a signal asking the app to exit, once
                .and().doNotHaveSimpleName("DrainTimer") // the drain tick itself, at most one pending
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .because("engine events reach the UI thread in batches drained in paced ticks, never one "
                        + "Platform.runLater per event (DESIGN.md, App: MVVM)")
                .check(app);
    }

    @Test
    void viewsReachTheEngineOnlyThroughViewModels() {
        noClasses().that().resideInAPackage("dev.wsmon.app.desktop..")
                .and().doNotHaveSimpleName("WsmonApp")
                .should().dependOnClassesThat().belongToAnyOf(Monitor.class, MonitoredConnection.class)
                .because("views bind and forward intent; only the composition root makes the engine and only view "
                        + "models command it")
                .check(app);
    }

    @Test
    void theUiThreadNeverWaits() {
        noClasses().that().resideInAnyPackage("dev.wsmon.app.viewmodel..", "dev.wsmon.app.desktop..")
                .and().doNotHaveSimpleName("DesktopLauncher") // waits for the engine after the FX thread has ended
                .should().callMethodWhere(target(name("get")).and(target(owner(assignableTo(Future.class)))))
                .orShould().callMethodWhere(target(name("join")).and(target(owner(assignableTo(Future.class)))))
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .because("the FX thread never waits on the network: view models and views hand blocking work to "
                        + "background threads and take the results from the inbox")
                .check(app);
    }

    @Test
    void onlyTheCompositionRootShutsTheEngineDown() {
        noClasses().that().doNotHaveSimpleName("WsmonApp").and().resideInAnyPackage("dev.wsmon.app.viewmodel..",
                        "dev.wsmon.app.desktop..")
                .should().callMethodWhere(target(nameMatching("shutdown|close")).and(target(owner(assignableTo(Monitor.class)))))
                .because("shutting the engine down waits for every close handshake: it runs once, on a thread of its "
                        + "own, when the window has closed")
                .check(app);
    }

    @Test
    void oneClock() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Instant.class, "now")
                .because("the app reads time only from the core MonotonicClock it injects, so log lines, chart bands "
                        + "and outage countdowns agree with the events' stamps and with a test's fake clock, and no "
                        + "deadline on one clock is compared against another")
                .check(app);
    }
}
