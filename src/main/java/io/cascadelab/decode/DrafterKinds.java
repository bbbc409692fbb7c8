package io.cascadelab.decode;

import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registered drafter kinds (Java's ServiceLoader over {@link DrafterKind}), in registration order. */
public final class DrafterKinds {

    private static final List<DrafterKind> ALL = load();

    private DrafterKinds() {
    }

    private static List<DrafterKind> load() {
        List<DrafterKind> out = new ArrayList<>();
        ServiceLoader.load(DrafterKind.class, DrafterKinds.class.getClassLoader()).forEach(out::add);
        return List.copyOf(out);
    }

    /** Every kind. */
    public static List<DrafterKind> all() {
        return ALL;
    }

    /** The kinds with {@code role}. */
    public static List<DrafterKind> withRole(DrafterKind.Role role) {
        return ALL.stream().filter(k -> k.role() == role).toList();
    }

    /** The kind with {@code id} (case-insensitive), or null. */
    public static DrafterKind find(String id) {
        return ALL.stream().filter(k -> k.id().equalsIgnoreCase(id)).findFirst().orElse(null);
    }

    /** The kind with {@code id}; refuses an unknown one, listing the known ids. */
    public static DrafterKind get(String id) {
        DrafterKind k = find(id);
        if (k == null) {
            throw new IllegalArgumentException("no drafter kind '" + id + "'; known: "
                    + ALL.stream().map(DrafterKind::id).collect(Collectors.joining(", ")));
        }
        return k;
    }

    /** Every kind forgets the earlier runs over {@code family} ({@link DrafterKind#forgetRuns}). */
    public static void forgetRuns(ModelFamily family) {
        ALL.forEach(k -> k.forgetRuns(family));
    }

    /** The ids of the statistical kinds, joined as a CLI help list ("mag, suffix"). */
    public static String statisticalIds() {
        return withRole(DrafterKind.Role.STATISTICAL).stream().map(DrafterKind::id).collect(Collectors.joining(", "));
    }

    /**
     * How a token a drafter proposed is shown; a kind this build does not know (a trace from a newer
     * version, a simulator's stand-in) gets a neutral style named after its source.
     */
    public static DrafterStyle style(TokenOrigin o) {
        DrafterKind k = of(o);
        return k != null ? k.style(o) : new DrafterStyle(OTHER_STYLE, o.source());
    }

    /** The kind that proposed a drafted token; null for a reviewer's own token or a kind this build does not know. */
    public static DrafterKind of(TokenOrigin o) {
        return o.kind() == TokenOrigin.Kind.DRAFT && o.drafter() != null ? find(o.drafter()) : null;
    }

    /** The style class of drafted tokens of unknown kinds. */
    public static final String OTHER_STYLE = "prov-other";

    /** Every kind's style classes and colours. */
    public static Map<String, String> colours() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ALL.forEach(k -> out.putAll(k.colours()));
        return out;
    }
}
