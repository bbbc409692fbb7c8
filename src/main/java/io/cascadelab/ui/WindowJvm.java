package io.cascadelab.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Starts the window in a JVM that compiles with C1 only ({@code -XX:TieredStopAtLevel=1}). The
 * heavy work is native PyTorch; the Java that runs is the FX thread's CSS, layout and painting and
 * the engine's bookkeeping, which C1 compiles within a few hundred calls. C2's background
 * compilations instead take a core for seconds after start-up: on a two-core machine the first run
 * decoded 40 % slower and the FX thread paused for 90-130 ms. A JVM flag cannot be set from inside,
 * so {@code java -jar cascadelab.jar} starts a second JVM with it and waits for it.
 * {@code -Dcascadelab.c2=true}, or any compiler flag of the user's own, keeps the JVM as started.
 */
public final class WindowJvm {

    /** The flag the window's JVM runs with. */
    static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";
    /** Set in the second JVM, so it does not start a third. */
    static final String RELAUNCHED = "cascadelab.relaunched";

    /** JVM options that decide the compilers themselves: the user's choice stands. */
    private static final List<String> COMPILER_OPTIONS = List.of("-XX:TieredStopAtLevel", "-XX:-TieredCompilation",
            "-XX:CompilationMode", "-Xint", "-Xcomp");
    /** JVM options a second JVM cannot repeat: a debugger's port, agents, a module path the launcher turned into properties. */
    private static final List<String> UNREPEATABLE = List.of("-agentlib", "-agentpath", "-javaagent", "-Xrunjdwp",
            "-Djdk.module");

    private WindowJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a JVM with the quick compiler only and returns its
     * exit code, or empty when this JVM should open the window itself (already such a JVM, the user
     * chose, or the second JVM could not start: then it says why on stderr).
     */
    public static OptionalInt runInQuickCompilerJvm(Class<?> mainClass, String... args) {
        Optional<List<String>> command = command(ManagementFactory.getRuntimeMXBean().getInputArguments(),
                Boolean.getBoolean("cascadelab.c2") || System.getProperty(RELAUNCHED) != null,
                System.getProperty("java.home"), System.getProperty("java.class.path", ""), mainClass.getName(), List.of(args));
        if (command.isEmpty()) {
            return OptionalInt.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command.get()).inheritIO().start();
        } catch (IOException e) {
            System.err.println("CascadeLab: could not start the window's JVM with " + QUICK_COMPILER_ONLY + " (" + e.getMessage()
                    + "); opening it in this one, whose first run may stutter");
            return OptionalInt.empty();
        }
        Thread stopChild = new Thread(child::destroy, "stop-window-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild); // a killed launcher takes the window with it
        while (true) {
            try {
                int code = child.waitFor();
                Runtime.getRuntime().removeShutdownHook(stopChild);
                return OptionalInt.of(code);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) { // shutting down already
                return OptionalInt.of(1);
            }
        }
    }

    /**
     * The command that starts {@code mainClass} with {@code args} again, with {@link #QUICK_COMPILER_ONLY}
     * and this JVM's options, or empty when this JVM should run the window: {@code keep} is set, the options already
     * choose a compiler, or they cannot be repeated.
     */
    static Optional<List<String>> command(List<String> jvmOptions, boolean keep, String javaHome, String classPath, String mainClass,
                                          List<String> args) {
        if (keep || classPath.isEmpty() || javaHome == null
                || jvmOptions.stream().anyMatch(o -> COMPILER_OPTIONS.stream().anyMatch(o::startsWith)
                        || UNREPEATABLE.stream().anyMatch(o::startsWith))) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(javaHome, "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add(QUICK_COMPILER_ONLY);
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return Optional.of(cmd);
    }
}
