package io.cascadelab.ui;

import io.cascadelab.catalog.LocalModels;
import io.cascadelab.catalog.LocalModel;
import io.cascadelab.catalog.ModelCatalog;
import io.cascadelab.catalog.TokenizerGroup;
import javafx.concurrent.Task;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The Models panel's "On this computer" menu: the Hugging Face cache, Ollama's store and LM Studio's
 * folders, read in the background each time the menu opens, grouped by tokenizer; each model opens as the target or joins as a drafter.
 */
final class LocalModelsMenu {

    private final MenuButton button;
    private final Consumer<Path> openAsTarget;
    private final Consumer<Path> addAsDrafter;
    private final BooleanSupplier hasFamily;

    LocalModelsMenu(MenuButton button, Consumer<Path> openAsTarget, Consumer<Path> addAsDrafter, BooleanSupplier hasFamily) {
        this.button = button;
        this.openAsTarget = openAsTarget;
        this.addAsDrafter = addAsDrafter;
        this.hasFamily = hasFamily;
        button.getItems().setAll(placeholder("Looking in the Hugging Face cache…"));
        button.setOnShowing(e -> refresh());
    }

    private void refresh() {
        button.getItems().setAll(placeholder("Looking in the Hugging Face cache…"));
        LocalModels local = LocalModels.ofThisComputer();
        Task<List<LocalModel>> scan = new Task<>() {
            @Override
            protected List<LocalModel> call() {
                return local.all();
            }
        };
        scan.setOnSucceeded(e -> button.getItems().setAll(items(local, scan.getValue())));
        scan.setOnFailed(e -> button.getItems().setAll(placeholder("The cache cannot be read: "
                + Dialogs.messageOf(scan.getException()))));
        Background.start("hub-cache-scan", scan);
    }

    private List<MenuItem> items(LocalModels local, List<LocalModel> all) {
        List<MenuItem> out = new ArrayList<>();
        if (all.isEmpty()) {
            out.add(placeholder("No models in " + local.hub().roots() + " or " + local.gguf().roots()
                    + " (nothing is downloaded; use Open folder…)"));
            return out;
        }
        int n = 0;
        for (TokenizerGroup g : ModelCatalog.groups(all)) {
            Menu group = new Menu(String.format("Tokenizer %d · %,d ids · %d model%s", ++n, g.vocabulary(),
                    g.models().size(), g.models().size() == 1 ? "" : "s"));
            for (LocalModel m : g.models()) {
                Menu model = new Menu(m.id() + "   " + m.modelType() + " · " + m.dtype() + " · "
                        + ModelCatalog.size(m.weightBytes()));
                MenuItem target = new MenuItem("Open as target");
                target.setOnAction(e -> openAsTarget.accept(m.folder()));
                MenuItem drafter = new MenuItem("Add as drafter");
                drafter.setOnAction(e -> addAsDrafter.accept(m.folder()));
                drafter.setDisable(!hasFamily.getAsBoolean());
                model.getItems().addAll(target, drafter);
                group.getItems().add(model);
            }
            out.add(group);
        }
        List<LocalModel> refused = ModelCatalog.refused(all);
        if (!refused.isEmpty()) {
            Menu not = new Menu("Not loadable (" + refused.size() + ")");
            for (LocalModel m : refused) {
                not.getItems().add(placeholder(m.id() + ": " + m.problem()));
            }
            out.add(not);
        }
        return out;
    }

    private static MenuItem placeholder(String text) {
        MenuItem item = new MenuItem(text);
        item.setDisable(true);
        return item;
    }
}
