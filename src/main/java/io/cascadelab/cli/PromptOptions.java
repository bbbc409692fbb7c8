package io.cascadelab.cli;

import io.cascadelab.chat.ChatPrompt;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.util.TextFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The prompt of a command that decodes one: its text or file, and whether it is a chat message. */
final class PromptOptions {

    static final class Source {
        @Option(names = "--prompt", description = "prompt text") String text;
        @Option(names = "--prompt-file", description = "file holding the prompt") Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--chat", description = "the prompt is a user message: render it with the target's chat template"
            + " (instruct models)")
    boolean chat;

    @Option(names = "--system", description = "system message for --chat (implies --chat)")
    String system;

    /** The text the model reads and its ids: plain (with the tokenizer's special tokens) or rendered as a chat. */
    record Encoded(String text, int[] ids) {
    }

    /** Reads the prompt before any model loads (a missing file fails early). */
    String text() throws IOException {
        return source.text != null ? source.text : TextFiles.readUtf8(source.file);
    }

    Encoded encode(String text, LoadedModel target) {
        if (chat || system != null) {
            ChatPrompt p = ChatPrompt.of(target, system, text);
            return new Encoded(p.text(), p.ids());
        }
        return new Encoded(text, target.tokenizer().encode(text));
    }
}
