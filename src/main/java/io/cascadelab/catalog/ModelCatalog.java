package io.cascadelab.catalog;

import io.cascadelab.gguf.GgufModel;
import io.cascadelab.gguf.ModelFiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Models on this computer grouped by tokenizer, so that who can draft for whom shows at once. */
public final class ModelCatalog {

    private ModelCatalog() {
    }

    /** Loadable models grouped by tokenizer (largest group first; within a group, largest model first). */
    public static List<TokenizerGroup> groups(List<LocalModel> models) {
        Map<String, List<LocalModel>> byKey = new LinkedHashMap<>();
        for (LocalModel m : models) {
            if (m.loadable()) {
                byKey.computeIfAbsent(m.tokenizerKey(), k -> new ArrayList<>()).add(m);
            }
        }
        List<TokenizerGroup> out = new ArrayList<>();
        byKey.forEach((key, list) -> {
            list.sort(Comparator.comparingLong(LocalModel::weightBytes).reversed().thenComparing(LocalModel::id));
            out.add(new TokenizerGroup(key, list.get(0).vocabulary(), list));
        });
        out.sort(Comparator.comparingInt((TokenizerGroup g) -> g.models().size()).reversed()
                .thenComparing(g -> g.models().get(0).id()));
        return out;
    }

    /** Models CascadeLab cannot load, with the reason. */
    public static List<LocalModel> refused(List<LocalModel> models) {
        return models.stream().filter(m -> !m.loadable()).toList();
    }

    /**
     * For a GGUF file, what its load will take ("about 1.2 GB in memory once dequantised to F32"),
     * said before loading starts; empty for a model folder.
     */
    public static java.util.Optional<String> memoryNote(java.nio.file.Path model) {
        if (!ModelFiles.isGguf(model)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("about " + size(GgufModel.memoryNeeded(model)) + " in memory once dequantised to "
                + io.cascadelab.model.ComputeDType.configured().name());
    }

    /** "1.2 GB", "380 MB", "96 KB". */
    public static String size(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.0f KB", bytes / 1e3);
    }
}
