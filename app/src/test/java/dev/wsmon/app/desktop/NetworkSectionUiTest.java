package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.viewmodel.ConnectionEditorViewModel;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.NetworkResolver;
import dev.wsmon.core.Settings;
import dev.wsmon.core.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connection dialog's Network section, driven through the dialog itself (headless Monocle) with certificate
 * files made at test time: a wrong password is an inline error with OK off; the right one shows the certificate's
 * subject and expiry, and OK gives a connection that presents it.
 */
class NetworkSectionUiTest {

    @TempDir
    static Path dir;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        TestPki pki = TestPki.create(dir, "ui-ca");
        pki.issue("client", "EC", null, "-1d", 30);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
            s.show();
        });
    }

    @AfterAll
    static void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void wrongPasswordRefusesOk_theRightOneShowsTheCertificate_andOkGivesAConnectionThatPresentsIt() throws Exception {
        ConnectionEditorViewModel vm = ConnectionEditorViewModel.forNew(List.of(), Settings.DEFAULTS,
                new NetworkResolver(Map.<String, String>of()::get, Instant::now));
        CompletableFuture<ConnectionSpec> result = new CompletableFuture<>();
        fx(() -> {
            ConnectionDialog dialog = new ConnectionDialog(stage, vm, Theme.LIGHT.stylesheet());
            dialog.setOnHidden(e -> result.complete(dialog.getResult()));
            dialog.show();
            return null;
        });
        until("the dialog", () -> robot.lookup("#editor-network").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#editor-network").queryAs(TitledPane.class).isExpanded()))
                .as("collapsed while nothing is set").isFalse();
        fx(() -> {
            robot.lookup("#editor-network").queryAs(TitledPane.class).setExpanded(true);
            return null;
        });
        robot.clickOn("#editor-url").write("wss://feed.example.com/");
        // into the fields themselves: below the fold of Monocle's small screen the robot cannot click
        setText("#editor-client-cert", dir.resolve("client.p12").toString());
        setText("#editor-client-cert-password", "QWRONGPW");

        until("the password error", () -> {
            Label error = robot.lookup("#editor-certificate-error").query();
            return error.isVisible() && error.getText().contains("wrong password");
        });
        assertThat(fx(() -> robot.lookup("#editor-certificate-error").queryAs(Label.class).getText()))
                .doesNotContain("QWRONGPW");
        assertThat(fx(() -> robot.lookup("#editor-ok").queryAs(Button.class).isDisabled())).isTrue();
        javafx.scene.Node password = fx(() -> robot.lookup("#editor-client-cert-password").query());
        assertThat(password).as("the password is masked").isInstanceOf(PasswordField.class);

        setText("#editor-client-cert-password", TestPki.PASSWORD);
        until("the certificate's subject and expiry", () -> {
            Label cert = robot.lookup("#editor-certificate").query();
            return cert.isVisible() && cert.getText().contains("CN=client") && cert.getText().contains("expires ");
        });
        assertThat(fx(() -> robot.lookup("#editor-certificate-error").queryAs(Label.class).isVisible())).isFalse();
        assertThat(fx(() -> robot.lookup("#editor-ok").queryAs(Button.class).isDisabled())).isFalse();

        fx(() -> {
            // as a click would: the URL field lets go of the focus, or its caret blinks on (60 Hz pulses) after close
            robot.lookup("#editor-ok").queryAs(Button.class).requestFocus();
            robot.lookup("#editor-ok").queryAs(Button.class).fire();
            return null;
        });
        ConnectionSpec spec = result.get(30, TimeUnit.SECONDS);
        assertThat(spec).isNotNull();
        assertThat(spec.endpoint().tls().client()).isPresent();
        assertThat(spec.network().clientCert()).endsWith("client.p12");
    }

    private void setText(String query, String text) throws Exception {
        fx(() -> {
            robot.lookup(query).queryAs(TextField.class).setText(text);
            return null;
        });
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS); // generous: the machine may be busy
    }

    private static void until(String what, Callable<Boolean> condition) throws Exception {
        Duration timeout = Duration.ofSeconds(30);
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }
}
