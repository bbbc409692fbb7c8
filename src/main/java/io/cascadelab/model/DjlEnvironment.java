package io.cascadelab.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.nio.file.Path;
import java.util.Locale;

/** Configures DJL for fully offline use (bundled natives, predictable cache) and picks the device. */
public final class DjlEnvironment {

    /** System property that overrides the device choice: auto, cpu, gpu or gpu:N. */
    public static final String DEVICE_PROPERTY = "cascadelab.device";

    private static volatile boolean initialised;

    private DjlEnvironment() {
    }

    /**
     * Must run before the first DJL call: afterwards DJL has already read its settings.
     * User-supplied values (system properties or environment) win over ours.
     */
    public static synchronized void init() {
        if (initialised) {
            return;
        }
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", defaultCacheDir().toString());
        }
        // Keep DJL's own engine pick deterministic: we only ship PyTorch.
        if (System.getProperty("ai.djl.default_engine") == null) {
            System.setProperty("ai.djl.default_engine", "PyTorch");
        }
        initialised = true;
    }

    /**
     * For the window: PyTorch computes on all cores but one, with one inter-op thread, so the FX and
     * render threads always find a free core (OpenMP workers spin while waiting and would take
     * both cores of a 2-core machine). Must run before the engine starts; user settings win.
     */
    public static synchronized void leaveOneCoreFree() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null && System.getenv("OMP_NUM_THREADS") == null) {
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /** Where the bundled PyTorch natives are unpacked (about 430 MB once). */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cascadelab", "djl-cache");
    }

    /** The PyTorch engine, initialised offline. */
    public static Engine engine() {
        init();
        return Engine.getEngine("PyTorch");
    }

    /**
     * Resolves a device request: "auto" (GPU when DJL sees one, else CPU), "cpu", "gpu" or "gpu:N".
     *
     * @throws IllegalArgumentException for an unknown name or a GPU that is not present
     */
    public static Device resolveDevice(String request) {
        String r = request == null || request.isBlank() ? "auto" : request.trim().toLowerCase(Locale.ROOT);
        int gpus = engine().getGpuCount();
        if (r.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (r.equals("cpu")) {
            return Device.cpu();
        }
        if (r.equals("gpu") || r.startsWith("gpu:")) {
            int id = r.equals("gpu") ? 0 : parseGpuId(r);
            if (id >= gpus) {
                throw new IllegalArgumentException("device '" + request + "' requested but DJL sees "
                        + gpus + " GPU(s); use --device cpu, or build with -Pcuda on a machine with CUDA");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("unknown device '" + request + "': use auto, cpu, gpu or gpu:N");
    }

    /** The device from the {@value #DEVICE_PROPERTY} setting (default auto). */
    public static Device configuredDevice() {
        return resolveDevice(System.getProperty(DEVICE_PROPERTY, "auto"));
    }

    /** One line for the UI and CLI: engine name, version and device. */
    public static String describe(Device device) {
        Engine e = engine();
        return e.getEngineName() + " " + e.getVersion() + " on " + device;
    }

    private static int parseGpuId(String r) {
        try {
            return Integer.parseInt(r.substring(4));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("bad GPU id in '" + r + "': expected gpu:0, gpu:1, ...");
        }
    }
}
