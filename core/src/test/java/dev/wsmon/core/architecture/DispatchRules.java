package dev.wsmon.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.machine.Action;
import dev.wsmon.core.machine.Input;
import java.util.List;

/** Dispatch over events, inputs and actions goes through their visitors; shared by the core and app tests. */
public final class DispatchRules {

    private static final List<Class<?>> ROOTS = List.of(ConnectionEvent.class, Input.class, Action.class);

    private DispatchRules() {
    }

    /**
     * No {@code instanceof} against a concrete event, input or action type: such a chain compiles on when a type is
     * added and silently skips it. Grouping interfaces ({@code Input.FromTransport}) may still be tested.
     */
    public static ArchRule noInstanceofOnEventInputOrActionTypes() {
        return classes().should(notTestConcreteDispatchedTypes())
                .because("a visitor has one method per type and no default, so a new event, input or action type "
                        + "fails to compile wherever it is not handled (docs/decisions/0020)");
    }

    private static ArchCondition<JavaClass> notTestConcreteDispatchedTypes() {
        return new ArchCondition<>("not test instanceof against a concrete event, input or action type") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                for (JavaCodeUnit unit : owner.getCodeUnits()) {
                    for (InstanceofCheck check : unit.getInstanceofChecks()) {
                        JavaClass type = check.getRawType();
                        if (!type.isInterface() && ROOTS.stream().anyMatch(type::isAssignableTo)) {
                            events.add(SimpleConditionEvent.violated(check, unit.getFullName() + " tests instanceof "
                                    + type.getName() + " " + check.getSourceCodeLocation()
                                    + ": dispatch with accept(Visitor) instead"));
                        }
                    }
                }
            }
        };
    }
}
