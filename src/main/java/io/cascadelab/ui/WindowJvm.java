package io.cascadelab.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Starts the window in a JVM tuned for short frames: C1 only ({@code -XX:TieredStopAtLevel=1}) and
 * a 10 ms pause goal for G1 ({@code -XX:MaxGCPauseMillis=10}). The heavy work is native PyTorch; the
 * Java that runs is the FX thread's CSS, layout and painting and the engine's bookkeeping, which C1
 * compiles within a few hundred calls. C2's background compilations instead take a core for seconds
 * after start-up: on a two-core machine the first run decoded 40 % slower and the FX thread paused
 * for 90-130 ms. G1's default goal (200 ms) let young collections take 12-20 ms in the middle of a
 * frame; with 10 ms they took 3-12. JVM flags cannot be set from inside, so {@code java -jar
 * cascadelab.jar} starts a second JVM with them and waits for it. {@code -Dcascadelab.c2=true}, or any
 * compiler flag of the user's own, keeps the JVM as started; a GC option of the user's own stands.
 */
public final class WindowJvm {

    /** The compiler flag the window's JVM runs with. */
    static final String QUICK_COMPILER_ONLY = "-XX:TieredStopAtLevel=1";
    /** The GC pause goal it runs with, unless the user chose a collector or a goal. */
    static final String SHORT_GC_PAUSES = "-XX:MaxGCPauseMillis=10";
    /** Set in the second JVM, so it does not start a third. */
    static final String RELAUNCHED = "cascadelab.relaunched";

    /** JVM options that decide the compilers themselves: the user's choice stands. */
    private static final List<String> COMPILER_OPTIONS = List.of("-XX:TieredStopAtLevel", "-XX:-TieredCompilation",
            "-XX:CompilationMode", "-Xint", "-Xcomp");
    /** JVM options that choose the collector or its goal: the user's choice stands. */
    private static final List<String> GC_OPTIONS = List.of("-XX:MaxGCPauseMillis", "-XX:+UseSerialGC", "-XX:+UseParallelGC",
            "-XX:+UseZGC", "-XX:+UseShenandoahGC", "-XX:+UseEpsilonGC");
    /** JVM options a second JVM cannot repeat: a debugger's port, agents, a module path the launcher turned into properties. */
    private static final List<String> UNREPEATABLE = List.of("-agentlib", "-agentpath", "-javaagent", "-Xrunjdwp",
            "-Djdk.module");

    private WindowJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a JVM with the quick compiler only and short GC pauses, and returns its
     * exit code, or empty when this JVM should open the window itself (already such a JVM, the user
     * chose, or the second JVM could not start: then it says why on stderr).
     */
    public static OptionalInt relaunch(Class<?> mainClass, String... args) {
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
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    int code = child.waitFor();
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                    return OptionalInt.of(code);
                } catch (InterruptedException e) {
                    interrupted = true; // the window still runs: keep waiting, and pass the interrupt on afterwards
                } catch (IllegalStateException e) { // shutting down already
                    return OptionalInt.of(1);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The command that starts {@code mainClass} with {@code args} again, with this JVM's options,
     * {@link #QUICK_COMPILER_ONLY} and (unless they choose a collector or goal) {@link #SHORT_GC_PAUSES}, or empty when this JVM should run the window: {@code keep} is set, the options already
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
        if (jvmOptions.stream().noneMatch(o -> GC_OPTIONS.stream().anyMatch(o::startsWith))) {
            cmd.add(SHORT_GC_PAUSES);
        }
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return Optional.of(cmd);
    }
}
