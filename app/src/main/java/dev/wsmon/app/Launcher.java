package dev.wsmon.app;

import dev.wsmon.app.cli.WsmonCommand;
import dev.wsmon.app.headless.HeadlessRun;
import dev.wsmon.app.headless.PlanBuilder;
import dev.wsmon.app.headless.RunPlan;
import dev.wsmon.app.headless.UsageException;
import dev.wsmon.app.history.ExportCommand;
import dev.wsmon.core.MonotonicClock;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * Entry point of {@code wsmon.jar}: parses the command line once into a {@link RunPlan} (bad usage: one line,
 * exit 2, before anything starts); {@code --headless} runs it headless ({@code cli-contract.md}), otherwise the
 * desktop UI opens it through {@link DesktopEntry}. Not a JavaFX {@code Application}, so that
 * {@code java -jar} works with JavaFX on the class path.
 */
public final class Launcher {

    static final String USAGE_HINT = "Usage: wsmon --headless [options] URL [URL...]   (wsmon --help lists the options)";

    private Launcher() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, true);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line to its end.
     *
     * @param process whether this is the real process (traps SIGINT/SIGTERM); false for in-process tests
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean process) {
        WsmonCommand command = new WsmonCommand();
        CommandLine cli = WsmonCommand.commandLine(command);
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (ParameterException e) {
            if (e.getCommandLine() != null && e.getCommandLine().getCommand() instanceof ExportCommand) {
                return usageError(err, describe(e), ExportCommand.USAGE_HINT);
            }
            return usageError(err, describe(e));
        }
        if (parsed.hasSubcommand()) {
            return export(parsed.subcommand().commandSpec().commandLine(), out, err);
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
            return 0;
        }
        if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
            return 0;
        }
        RunPlan plan;
        try {
            plan = new PlanBuilder(System::getenv).build(command.toOptions(parsed));
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        }
        if (!plan.options().headless()) {
            plan.warnings().forEach(w -> err.println("wsmon: " + w));
            return DesktopEntry.find().launch(plan);
        }
        try {
            return new HeadlessRun(plan, in, out, err, process).run();
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        }
    }

    /**
     * The plan of a command line, for a desktop started without {@link #run} (as tests start it). Help and version
     * flags are not acted on.
     *
     * @throws UsageException for bad usage, with the one-line message {@link #run} prints
     */
    public static RunPlan plan(List<String> args) throws UsageException {
        WsmonCommand command = new WsmonCommand();
        try {
            ParseResult parsed = WsmonCommand.commandLine(command).parseArgs(args.toArray(String[]::new));
            return new PlanBuilder(System::getenv).build(command.toOptions(parsed));
        } catch (ParameterException e) {
            throw new UsageException(describe(e));
        }
    }

    /** {@code wsmon export}: the recorded history, for scripts. */
    private static int export(CommandLine sub, PrintStream out, PrintStream err) {
        if (sub.isUsageHelpRequested()) {
            sub.usage(out);
            return 0;
        }
        if (sub.isVersionHelpRequested()) {
            new CommandLine(new dev.wsmon.app.cli.WsmonCommand()).printVersionHelp(out);
            return 0;
        }
        ExportCommand command = sub.getCommand();
        return command.with(out, err, MonotonicClock.SYSTEM).call();
    }

    /** One line naming the flag and the value, then the usage hint; nothing on stdout. */
    private static int usageError(PrintStream err, String message) {
        return usageError(err, message, USAGE_HINT);
    }

    private static int usageError(PrintStream err, String message, String hint) {
        err.println("wsmon: " + message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim());
        err.println(hint);
        err.flush();
        return 2;
    }

    private static String describe(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (e.getCause() instanceof TypeConversionException conversion && arg != null) {
            String name = arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
            return "invalid value for " + name + ": " + conversion.getMessage();
        }
        return e.getMessage();
    }
}
