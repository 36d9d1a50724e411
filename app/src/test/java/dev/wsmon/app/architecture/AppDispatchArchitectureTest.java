package dev.wsmon.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.wsmon.core.architecture.DispatchRules;
import org.junit.jupiter.api.Test;

/** The application's event consumers (JSON, metrics, view models) dispatch only through the event visitor. */
class AppDispatchArchitectureTest {

    @Test
    void appTestsNoConcreteEventTypeWithInstanceof() {
        JavaClasses app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wsmon.app");
        DispatchRules.noInstanceofOnEventInputOrActionTypes().check(app);
    }
}
