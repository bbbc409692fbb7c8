package io.cascadelab.cli;

import io.cascadelab.model.DjlEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: help, info, the global device option and usage errors. */
class CascadeLabCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CascadeLabCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @AfterEach
    void forgetDevice() {
        System.clearProperty(DjlEnvironment.DEVICE_PROPERTY);
    }

    @Test
    void helpExitsZeroAndListsTheInfoCommand() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("info"), out.toString());
        assertTrue(out.toString().contains("--device"), out.toString());
    }

    @Test
    void versionExitsZeroAndNamesCascadeLab() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("CascadeLab "), out.toString());
    }

    @Test
    void infoPrintsTheEngineDeviceCacheAndFamily() {
        assertEquals(0, run("info"));
        String text = out.toString();
        assertTrue(text.contains("PyTorch"), text);
        assertTrue(text.contains("device:"), text);
        assertTrue(text.contains("DJL cache dir:"), text);
        assertTrue(text.contains("offline:         true"), text);
        assertTrue(text.contains("models/kjv") || text.contains("models\\kjv"), text);
    }

    @Test
    void globalDeviceOptionSetsTheDeviceProperty() {
        assertEquals(0, run("--device", "cpu", "info"));
        assertEquals("cpu", System.getProperty(DjlEnvironment.DEVICE_PROPERTY));
        assertTrue(out.toString().contains("cpu()"), out.toString());
    }

    @Test
    void deviceOptionIsAlsoAcceptedAfterTheSubcommand() {
        assertEquals(0, run("info", "--device", "cpu"));
        assertEquals("cpu", System.getProperty(DjlEnvironment.DEVICE_PROPERTY));
    }

    @Test
    void unknownOptionFailsWithOneClearMessageAndNoStackTrace() {
        int code = run("--no-such-option");
        assertNotEquals(0, code);
        String text = err.toString();
        assertTrue(text.contains("Unknown option: '--no-such-option'"), text);
        assertFalse(text.contains("at io.cascadelab"), text);
        assertFalse(text.contains("Exception"), text);
    }

    @Test
    void malformedDeviceIsAUsageError() {
        assertEquals(2, run("--device", "tpu", "info"));
        assertTrue(err.toString().contains("'tpu'"), err.toString());
    }

    @Test
    void missingGpuFailsTheCommandWithOneErrorLine() {
        int code = run("--device", "gpu:7", "info");
        assertEquals(1, code);
        String text = err.toString().strip();
        assertTrue(text.startsWith("info: error: device 'gpu:7'"), text);
        assertEquals(1, text.lines().count(), text);
    }
}
