package io.cascadelab.ui;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowJvmTest {

    private static Optional<List<String>> command(List<String> options, boolean keep) {
        return WindowJvm.command(options, keep, "/opt/jdk", "app.jar", "io.cascadelab.Launcher", List.of("bench-fx", "500"));
    }

    @Test
    void restartsWithTheQuickCompilerAndTheSameOptionsClassPathAndArguments() {
        List<String> cmd = command(List.of("-Xmx2g", "-Dai.djl.offline=true"), false).orElseThrow();
        assertEquals(List.of(Path.of("/opt/jdk", "bin", "java").toString(), "-Xmx2g", "-Dai.djl.offline=true",
                "-XX:TieredStopAtLevel=1", "-XX:MaxGCPauseMillis=10", "-Dcascadelab.relaunched=true", "-cp", "app.jar", "io.cascadelab.Launcher",
                "bench-fx", "500"), cmd);
    }

    @Test
    void leavesTheUsersOwnCollectorOrPauseGoalAlone() {
        for (String o : List.of("-XX:MaxGCPauseMillis=50", "-XX:+UseZGC", "-XX:+UseParallelGC")) {
            List<String> cmd = command(List.of(o), false).orElseThrow();
            assertTrue(cmd.contains(o) && cmd.contains("-XX:TieredStopAtLevel=1") && !cmd.contains("-XX:MaxGCPauseMillis=10"),
                    cmd.toString());
        }
    }

    @Test
    void keepsThisJvmWhenAskedOrAlreadyRestarted() {
        assertTrue(command(List.of(), true).isEmpty());
    }

    @Test
    void leavesTheUsersOwnCompilerChoiceAlone() {
        for (String o : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-XX:CompilationMode=high-only-quick-internal",
                "-Xint")) {
            assertTrue(command(List.of(o), false).isEmpty(), o);
        }
    }

    @Test
    void doesNotRepeatOptionsASecondJvmCannotTakeOver() {
        for (String o : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:agent.jar",
                "-Djdk.module.path=/javafx/lib")) {
            assertTrue(command(List.of(o), false).isEmpty(), o);
        }
    }

    @Test
    void needsAClassPath() {
        assertTrue(WindowJvm.command(List.of(), false, "/opt/jdk", "", "io.cascadelab.Launcher", List.of()).isEmpty());
    }
}
