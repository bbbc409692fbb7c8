package io.cascadelab.cli;

import io.cascadelab.catalog.LocalModels;
import io.cascadelab.catalog.ModelCatalog;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.model.ModelLoadException;
import io.cascadelab.util.AppPaths;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Model selection shared by generate, bench and sweep: the embedded family unless told otherwise. */
public final class ModelOptions {

    @Option(names = "--family", description = "model family folder (target/ + draft-*/); default: the embedded family")
    Path family;

    @Option(names = "--target", description = "target model folder, or a hub id (org/name) in the Hugging Face cache"
            + " (overrides the family's)")
    Path target;

    @Option(names = "--drafter", description = "draft model folder or cached hub id (repeatable; largest first is not"
            + " required)")
    List<Path> drafters = new ArrayList<>();

    @Option(names = "--speculator", description = "MLP speculator folder (Hugging Face mlp_speculator) for --method spec; "
            + "default: the family's speculator/ if present")
    Path speculator;

    /** Says, before loading, how much memory each GGUF model will take once dequantised. */
    private static void noteGgufMemory(List<Path> models) {
        for (Path p : models) {
            ModelCatalog.memoryNote(p).ifPresent(n -> System.err.println("note: " + p + " takes " + n));
        }
    }

    /** Loads the chosen models on the configured device. */
    public ModelFamily load() {
        LocalModels local = LocalModels.ofThisComputer();
        List<Path> ds = drafters.stream().map(local::resolve).toList();
        ModelFamily f;
        if (target != null) {
            Path t = local.resolve(target);
            List<Path> all = new ArrayList<>(ds);
            all.add(t);
            noteGgufMemory(all);
            f = ModelFamily.load(t, ds, DjlEnvironment.configuredDevice());
        } else {
            Path dir = family != null ? family : AppPaths.embeddedFamily();
            if (!Files.isDirectory(dir.resolve("target"))) {
                throw new ModelLoadException("no model family at " + dir + ": pass --target DIR (and --drafter DIR), or --family DIR");
            }
            if (drafters.isEmpty()) {
                f = ModelFamily.loadFolder(dir, DjlEnvironment.configuredDevice());
            } else { // the family's target with the drafters given, not the family's own
                noteGgufMemory(ds);
                f = ModelFamily.load(dir.resolve("target"), ds, DjlEnvironment.configuredDevice());
            }
        }
        f.notes().forEach(n -> System.err.println("note: " + n));
        try {
            return f.withSpeculator(speculator, DjlEnvironment.configuredDevice());
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }
}
