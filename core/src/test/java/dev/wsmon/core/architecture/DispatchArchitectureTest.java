package dev.wsmon.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.machine.Input;
import org.junit.jupiter.api.Test;

/** The engine dispatches over events, inputs and actions only through their visitors. */
class DispatchArchitectureTest {

    @Test
    void coreTestsNoConcreteEventInputOrActionTypeWithInstanceof() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wsmon.core");
        DispatchRules.noInstanceofOnEventInputOrActionTypes().check(core);
    }

    @Test
    void theRuleCatchesAnInstanceofChain_butAllowsAGroupingInterface() {
        JavaClasses offender = new ClassFileImporter().importClasses(InstanceofChain.class);
        JavaClasses grouping = new ClassFileImporter().importClasses(GroupingCheck.class);

        assertThat(DispatchRules.noInstanceofOnEventInputOrActionTypes().evaluate(offender).hasViolation()).isTrue();
        assertThat(DispatchRules.noInstanceofOnEventInputOrActionTypes().evaluate(grouping).hasViolation()).isFalse();
    }

    /** The shape the rule forbids: it compiles on, and skips, when an event type is added. */
    static final class InstanceofChain {
        static String describe(ConnectionEvent e) {
            return e instanceof StateChanged s ? s.state().name() : "";
        }
    }

    static final class GroupingCheck {
        static boolean fromTransport(Input input) {
            return input instanceof Input.FromTransport;
        }
    }
}
