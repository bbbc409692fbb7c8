package io.cascadelab.cli;

import io.cascadelab.catalog.LocalModels;
import io.cascadelab.catalog.LocalModel;
import io.cascadelab.catalog.ModelCatalog;
import io.cascadelab.catalog.TokenizerGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cascadelab models}: the models in the Hugging Face cache, grouped by tokenizer. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models already on this computer (Hugging Face hub cache, Ollama, LM Studio), grouped by tokenizer: "
                + "models of one group can draft for one another. Nothing is downloaded.")
final class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LocalModels local = LocalModels.ofThisComputer();
        List<LocalModel> all = local.all();
        out.printf("Hugging Face cache: %s; Ollama and LM Studio: %s (%d models)%n", local.hub().roots(),
                local.gguf().roots(), all.size());
        int n = 0;
        for (TokenizerGroup g : ModelCatalog.groups(all)) {
            out.printf("%ntokenizer %d (%,d token ids): %s%n", ++n, g.vocabulary(), g.models().size() > 1
                    ? "any smaller model can draft for a larger one" : "no other model shares it");
            for (LocalModel m : g.models()) {
                out.printf("  %-44s %-12s %-9s %8s%n", m.id(), m.modelType(), m.dtype(), ModelCatalog.size(m.weightBytes()));
            }
        }
        List<LocalModel> refused = ModelCatalog.refused(all);
        if (!refused.isEmpty()) {
            out.printf("%nnot loadable:%n");
            for (LocalModel m : refused) {
                out.printf("  %-44s %s%n", m.id(), m.problem().replace(m.folder() + java.io.File.separator, ""));
            }
        }
        if (all.isEmpty()) {
            out.println("No models found. Download one with the Hugging Face tools (e.g. `hf download Qwen/Qwen3-0.6B`),"
                    + " or set HF_HUB_CACHE / HF_HOME; or open any model folder with --target DIR.");
        } else {
            out.printf("%nUse an id as --target or --drafter, e.g. --target %s%n", all.get(0).id());
        }
        out.flush();
        return 0;
    }
}
