package io.cascadelab.cli;

import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.DjlEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * The headless command line: {@code cascadelab [--device D] <command>}.
 * Exit codes: 0 success, 1 a command failed, 2 a usage error.
 */
@Command(name = "cascadelab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Speculative decoding and Cascade Speculative Drafting on local models (DJL + PyTorch).",
        subcommands = {InfoCommand.class, ModelsCommand.class, TrainTokenizerCommand.class, TrainCommand.class, TrainSeq2SeqCommand.class, TrainSpeculatorCommand.class, ProfileCommand.class, PrecisionCommand.class, GenerateCommand.class, RaceCommand.class, BenchCommand.class, BigramCommand.class, DoctorCommand.class, SimulateCommand.class, SweepCommand.class},
        usageHelpAutoWidth = true)
public final class CascadeLabCli implements Runnable {

    private static final Pattern DEVICE = Pattern.compile("auto|cpu|gpu(:\\d+)?");

    @Spec
    CommandSpec spec;

    /** Sets {@code cascadelab.device} before any command touches the engine. */
    @Option(names = "--device", paramLabel = "DEVICE", scope = ScopeType.INHERIT,
            description = "Device for model work: auto (GPU if present, else CPU), cpu, gpu or gpu:N. Default: auto.")
    void setDevice(String device) {
        String d = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (!DEVICE.matcher(d).matches()) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--device': '" + device + "' (use auto, cpu, gpu or gpu:N)");
        }
        System.setProperty(DjlEnvironment.DEVICE_PROPERTY, d);
    }

    /** Sets {@code cascadelab.dtype} before any model loads. */
    @Option(names = "--compute-dtype", paramLabel = "DTYPE", scope = ScopeType.INHERIT,
            description = "Compute dtype of the projections: f32 (default) or f16 (half the weight memory; fast on a GPU,"
                    + " slow on most CPUs). Norms, attention and the residual stream stay f32. bf16 is not available"
                    + " (DJL's PyTorch bridge aborts on it).")
    void setDtype(String dtype) {
        try {
            System.setProperty(ComputeDType.PROPERTY, ComputeDType.parse(dtype).label());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--compute-dtype': " + e.getMessage());
        }
    }

    /** Without a subcommand, show the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI on the standard streams and returns the exit code. */
    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** Runs the CLI writing to the given streams (for tests) and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        DjlEnvironment.init();
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        System.out.flush();
        // PrintStreams and PrintWriters swallow write errors (a full disk, a closed pipe): say so and fail
        if (code == 0 && (System.out.checkError() || out.checkError())) {
            err.println(cli.getCommandName() + ": error: cannot write to standard output (disk full, or the reading"
                    + " end closed)");
            code = 1;
        }
        err.flush();
        return code;
    }

    /** The configured picocli command line (for adding subcommands in tests or tools). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CascadeLabCli());
        cli.setParameterExceptionHandler(CascadeLabCli::usageError);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandName() + ": error: " + messageOf(ex));
            return 1;
        });
        return cli;
    }

    /** Usage errors: the message, close spellings if any, and where to get help; exit code 2. */
    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandName() + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The most useful one-line message of an exception chain (never a stack trace). */
    static String messageOf(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
