package io.cascadelab.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import io.cascadelab.util.AppPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the runtime looks like on this machine: engine, device, DJL cache, offline flag and the
 * embedded model family. Shown by {@code cascadelab info} and the status bar of the window.
 *
 * <p>{@link #collect()} loads the PyTorch natives on first use (seconds), so call it off the FX thread.
 *
 * @param engineName       DJL engine name, e.g. "PyTorch"
 * @param engineVersion    engine (libtorch) version, e.g. "2.7.1"
 * @param djlVersion       DJL version, e.g. "0.35.1"
 * @param deviceRequest    the requested device setting (auto, cpu, gpu or gpu:N)
 * @param device           the device that request resolves to
 * @param gpuCount         GPUs visible to the engine
 * @param cacheDir         DJL's cache folder (natives unpack under it)
 * @param offline          whether DJL refuses every download
 * @param embeddedFamily   folder of the embedded model family
 * @param familyPresent    whether that folder holds anything yet
 */
public record EnvironmentReport(String engineName, String engineVersion, String djlVersion,
                                String deviceRequest, Device device, int gpuCount, Path cacheDir,
                                boolean offline, Path embeddedFamily, boolean familyPresent) {

    /** Initialises DJL (offline) and gathers the report; resolves the configured device. */
    public static EnvironmentReport collect() {
        DjlEnvironment.init();
        Engine engine = DjlEnvironment.engine();
        String request = System.getProperty(DjlEnvironment.DEVICE_PROPERTY, "auto");
        Device device = DjlEnvironment.resolveDevice(request);
        Path family = AppPaths.embeddedFamily();
        return new EnvironmentReport(engine.getEngineName(), engine.getVersion(), Engine.getDjlVersion(),
                request, device, engine.getGpuCount(), Utils.getCacheDir(), Utils.isOfflineMode(),
                family, isPresent(family));
    }

    /** "PyTorch 2.7.1". */
    public String engineLine() {
        return engineName + " " + engineVersion;
    }

    /** "models/kjv: present" or "models/kjv: not trained yet". */
    public String familyLine() {
        return familyStatus(embeddedFamily, familyPresent);
    }

    /** Status text for a family folder, relative to the home folder where possible. */
    public static String familyStatus(Path family, boolean present) {
        Path home = AppPaths.home();
        String shown = family.startsWith(home) ? home.relativize(family).toString() : family.toString();
        return shown + ": " + presence(present);
    }

    /** "present" or "not trained yet". */
    public static String presence(boolean present) {
        return present ? "present" : "not trained yet";
    }

    /** A family folder counts as present once it exists and is not empty. */
    public static boolean isPresent(Path family) {
        if (!Files.isDirectory(family)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(family)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
