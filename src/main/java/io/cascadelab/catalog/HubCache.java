package io.cascadelab.catalog;

import io.cascadelab.model.ModelLoadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Hugging Face hub cache on this computer ({@code models--org--name/snapshots/<commit>/}),
 * read only: CascadeLab never downloads. The snapshot a model's {@code refs/main} names is used,
 * else its newest one.
 */
public final class HubCache {

    /** Overrides the cache folders (path-separated), e.g. for tests. */
    public static final String PROPERTY = "cascadelab.hubCache";

    private static final Pattern HUB_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*/[\\w.-]+");

    private final List<Path> roots;

    /** A cache over these folders. */
    public HubCache(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The cache folders of this computer: HF_HUB_CACHE, HF_HOME/hub and ~/.cache/huggingface/hub. */
    public static HubCache ofThisComputer() {
        return new HubCache(defaultRoots(System.getenv(), System.getProperty(PROPERTY), System.getProperty("user.home")));
    }

    static List<Path> defaultRoots(Map<String, String> env, String override, String home) {
        Set<Path> out = new LinkedHashSet<>();
        if (override != null && !override.isBlank()) {
            for (String p : override.split(java.io.File.pathSeparator)) {
                out.add(Path.of(p));
            }
            return List.copyOf(out);
        }
        if (env.get("HF_HUB_CACHE") != null) {
            out.add(Path.of(env.get("HF_HUB_CACHE")));
        }
        if (env.get("HF_HOME") != null) {
            out.add(Path.of(env.get("HF_HOME"), "hub"));
        }
        out.add(Path.of(home, ".cache", "huggingface", "hub"));
        return List.copyOf(out);
    }

    /** The folders searched. */
    public List<Path> roots() {
        return roots;
    }

    /** True when {@code text} looks like a hub id ("org/name"). */
    public static boolean looksLikeHubId(String text) {
        return HUB_ID.matcher(text).matches();
    }

    /** Every model in the cache, loadable or not, sorted by id. */
    public List<LocalModel> models() {
        List<LocalModel> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> repos = Files.newDirectoryStream(root, "models--*")) {
                for (Path repo : repos) {
                    snapshot(repo).ifPresent(s -> out.add(ModelInspector.inspect(idOf(repo), s)));
                }
            } catch (IOException e) {
                // an unreadable cache folder has nothing to offer; the others are still listed
            }
        }
        out.sort(Comparator.comparing(LocalModel::id));
        return out;
    }

    /** The snapshot folder of {@code hubId}. */
    public Optional<Path> find(String hubId) {
        String[] parts = hubId.split("/", 2);
        for (Path root : roots) {
            Path repo = root.resolve("models--" + parts[0] + "--" + parts[1]);
            Optional<Path> s = Files.isDirectory(repo) ? snapshot(repo) : Optional.empty();
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /**
     * A folder given on the command line: the folder itself when it exists, else the cached
     * snapshot of a hub id; refused with where it looked otherwise.
     */
    public Path resolve(Path given) {
        if (Files.exists(given) || !looksLikeHubId(given.toString().replace('\\', '/'))) {
            return given;
        }
        String id = given.toString().replace('\\', '/');
        return find(id).orElseThrow(() -> new ModelLoadException(given + " is not a folder, and " + id
                + " is not in the Hugging Face cache (" + roots + "). CascadeLab never downloads: fetch it first"
                + " (e.g. `hf download " + id + "`) or give its folder."));
    }

    private static String idOf(Path repo) {
        String name = repo.getFileName().toString().substring("models--".length());
        int sep = name.indexOf("--");
        return sep < 0 ? name : name.substring(0, sep) + "/" + name.substring(sep + 2);
    }

    private static Optional<Path> snapshot(Path repo) {
        Path snapshots = repo.resolve("snapshots");
        try {
            Path ref = repo.resolve("refs").resolve("main");
            if (Files.isRegularFile(ref)) {
                Path s = snapshots.resolve(Files.readString(ref, StandardCharsets.UTF_8).strip());
                if (Files.isDirectory(s)) {
                    return Optional.of(s);
                }
            }
            if (!Files.isDirectory(snapshots)) {
                return Optional.empty();
            }
            try (var list = Files.list(snapshots)) {
                return list.filter(Files::isDirectory).max(Comparator.comparingLong(HubCache::modified));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
