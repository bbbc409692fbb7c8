package io.cascadelab.ui;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat mode in the Prompt panel: the template renders system + user into the editable prompt, or says there is none. */
class ChatModeTest extends WindowTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void useAFamily() throws IOException {
        ExplorerHome.use();
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
    void aModelWithoutTemplateSaysSo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> window.models().family() != null);
        reveal(robot, "#chatCheck");
        robot.clickOn("#chatCheck");
        reveal(robot, "#userText");
        robot.clickOn("#userText").write("Who made the firmament?");
        reveal(robot, "#renderButton");
        robot.clickOn("#renderButton");
        Label status = robot.lookup("#chatStatus").queryAs(Label.class);
        assertTrue(status.getText().contains("has no chat template"), status.getText());
    }

    @Test
    void theTemplateRendersIntoTheEditablePrompt(FxRobot robot) throws Exception {
        JsonObject cases = Json.read(Path.of("src/test/resources/chat/cases.json"));
        Files.writeString(dir.resolve("chat_template.jinja"), cases.getAsJsonObject("templates").get("chatml").getAsString());
        Files.copy(Path.of("src/test/resources/fixtures/qwen3/tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
        String want = null;
        for (JsonElement e : cases.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (c.get("template").getAsString().equals("chatml") && c.get("conversation").getAsString().equals("system-user")
                    && c.get("add_generation_prompt").getAsBoolean()) {
                want = c.get("text").getAsString();
            }
        }
        String expected = want;
        WaitForAsyncUtils.asyncFx(() -> {
            window.prompt().setTargetDir(() -> dir);
            window.prompt().setChat(true);
            window.prompt().setChatMessages("Answer in the words of Genesis.", "  What was made on the fourth day?  ");
            window.prompt().renderChat();
        }).get();
        TextArea prompt = robot.lookup("#promptText").queryAs(TextArea.class);
        assertEquals(expected, prompt.getText());
        assertTrue(WaitForAsyncUtils.asyncFx(() -> window.prompt().settings().chat()).get(), "a chat prompt adds no special tokens");
    }
}
