package dev.wsmon.core.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.machine.Action;
import dev.wsmon.core.machine.Input;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Each sealed hierarchy's visitor has exactly one abstract method per concrete type and no default, so adding a type
 * fails to compile in every visitor that does not handle it.
 */
class ExhaustiveVisitorsTest {

    @Test
    void eachVisitorHasOneAbstractMethodPerConcreteType() {
        assertOnePerType(ConnectionEvent.class, ConnectionEvent.Visitor.class);
        assertOnePerType(Input.class, Input.Visitor.class);
        assertOnePerType(Action.class, Action.Visitor.class);
    }

    @Test
    void aVisitorMissingOneEventType_doesNotCompile() {
        String source = """
                import dev.wsmon.core.event.*;

                class Forgetful implements ConnectionEvent.Visitor<Void> {
                    public Void stateChanged(StateChanged e) { return null; }
                    public Void latencySample(LatencySample e) { return null; }
                    public Void pingUnanswered(PingUnanswered e) { return null; }
                    public Void reconnectScheduled(ReconnectScheduled e) { return null; }
                    public Void messageSent(MessageSent e) { return null; }
                    public Void messageDelivered(MessageDelivered e) { return null; }
                    public Void sendFailed(SendFailed e) { return null; }
                    public Void messageReceived(MessageReceived e) { return null; }
                    public Void healthChanged(HealthChanged e) { return null; }
                    public Void appLatency(AppLatency e) { return null; }
                    public Void heartbeatMissed(HeartbeatMissed e) { return null; }
                    public Void alertChanged(AlertChanged e) { return null; }
                    public Void adviceGiven(AdviceGiven e) { return null; }
                    %s
                }
                """;
        String settings = "public Void settingsApplied(SettingsApplied e) { return null; }";

        assertThat(compile(source.formatted(settings))).as("the complete visitor compiles").isEmpty();
        assertThat(compile(source.formatted(""))).as("errors without settingsApplied")
                .anyMatch(m -> m.contains("settingsApplied"));
    }

    private static void assertOnePerType(Class<?> root, Class<?> visitor) {
        Set<Class<?>> concrete = concreteTypes(root);
        List<Method> methods = Arrays.asList(visitor.getDeclaredMethods());
        assertThat(methods).as("%s: abstract methods only", visitor.getName())
                .allMatch(m -> Modifier.isAbstract(m.getModifiers()) && !m.isDefault() && m.getParameterCount() == 1);
        Set<Class<?>> handled = methods.stream().map(m -> m.getParameterTypes()[0]).collect(Collectors.toSet());
        assertThat(handled).as("%s handles every %s type", visitor.getName(), root.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(concrete);
        assertThat(methods).hasSize(concrete.size());
    }

    private static Set<Class<?>> concreteTypes(Class<?> sealed) {
        Set<Class<?>> out = new HashSet<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                out.addAll(concreteTypes(sub));
            } else {
                out.add(sub);
            }
        }
        return out;
    }

    /** Compiles {@code source} against the test's class path; returns the error messages. */
    private static List<String> compile(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Forgetful.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-d", System.getProperty("java.io.tmpdir") + "/wsmon-visitor-check");
        boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null, List.of(file)).call();
        List<String> errors = new ArrayList<>();
        diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .forEach(d -> errors.add(d.getMessage(null)));
        assertThat(ok).isEqualTo(errors.isEmpty());
        return errors;
    }
}
