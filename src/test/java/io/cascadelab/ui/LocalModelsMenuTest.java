package io.cascadelab.ui;

import io.cascadelab.catalog.GgufStores;
import io.cascadelab.catalog.HubCache;
import io.cascadelab.catalog.HubCacheTest;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Models panel offers the Hugging Face cache's models by tokenizer; one opens as the target, another joins as drafter. */
class LocalModelsMenuTest extends WindowTest {

    private static Path cache;

    @BeforeAll
    static void aCache() throws Exception {
        ExplorerHome.use();
        cache = Files.createTempDirectory("hub-cache");
        HubCacheTest.cache(cache, "Qwen/Qwen3-8B", "qwen3", "aaa");
        HubCacheTest.cache(cache, "Qwen/Qwen3-0.6B", "qwen3-draft-b", "bbb");
        System.setProperty(HubCache.PROPERTY, cache.toString());
        // no Ollama or LM Studio models of the machine running the test
        System.setProperty(GgufStores.OLLAMA_PROPERTY, cache.resolve("no-ollama").toString());
        System.setProperty(GgufStores.LM_STUDIO_PROPERTY, cache.resolve("no-lm-studio").toString());
    }

    @AfterAll
    static void noCache() {
        System.clearProperty(HubCache.PROPERTY);
        System.clearProperty(GgufStores.OLLAMA_PROPERTY);
        System.clearProperty(GgufStores.LM_STUDIO_PROPERTY);
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @AfterEach
    void closeModels(FxRobot robot) throws Exception {
        closeModelsWhenLoaded(robot);
    }

    @Test
    void aCachedModelOpensAsTargetAndAnotherJoinsAsDrafter(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null
                && !window.models().loadingProperty().get());
        choose(robot, "Qwen/Qwen3-8B", "Open as target");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get()
                && window.models().family() != null && window.models().family().family().target().name().equals("Qwen3-8B"));

        choose(robot, "Qwen/Qwen3-0.6B", "Add as drafter");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !window.models().loadingProperty().get()
                && window.models().family().family().drafts().size() == 1);
        assertEquals("Qwen3-0.6B", window.models().family().family().drafts().get(0).name());
        Label name = robot.lookup(".family-name").queryAs(Label.class);
        assertTrue(name.getText().startsWith("Qwen3-8B"), name.getText());
    }

    /** Opens the menu, the tokenizer group, the model, and clicks {@code action}. */
    private static void choose(FxRobot robot, String model, String action) throws Exception {
        String group = "Tokenizer 1 · 480 ids · 2 models";
        robot.clickOn("#localModelsButton");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(group).tryQuery().isPresent());
        robot.clickOn(group);
        robot.clickOn(labelStarting(robot, model));
        robot.clickOn(action);
    }

    private static javafx.scene.Node labelStarting(FxRobot robot, String prefix) {
        return robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                && l.getText().startsWith(prefix)).query();
    }
}
