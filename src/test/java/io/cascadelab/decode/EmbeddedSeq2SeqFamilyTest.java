package io.cascadelab.decode;

import ai.djl.Device;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.util.AppPaths;
import io.cascadelab.util.PromptLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded encoder-decoder family (models/kjv-t5): a T5 target and two smaller T5 drafts that
 * fit the size budget, and every method — SD with each drafter, CS Drafting, the paper's presets —
 * greedy-identical to the target's plain decoding on the sample prompts.
 */
class EmbeddedSeq2SeqFamilyTest {

    static ModelFamily family;

    @BeforeAll
    static void load() {
        family = ModelFamily.loadFolder(AppPaths.embeddedSeq2SeqFamily(), Device.cpu());
    }

    @AfterAll
    static void close() {
        family.close();
    }

    @Test
    void aT5TargetOverTwoSmallerT5DraftsWithinThirtyMegabytes() throws IOException {
        assertNotNull(family.target().config().encoder(), "the target is an encoder-decoder");
        assertEquals(2, family.drafts().size());
        long previous = family.target().parameterCount();
        for (LoadedModel d : family.drafts()) {
            assertNotNull(d.config().encoder(), d.name());
            assertTrue(d.parameterCount() < previous, d.name() + " is smaller than the level above it");
            previous = d.parameterCount();
        }
        assertNotNull(family.bigram(), "Max-Gram's bigram table is shipped");
        long bytes;
        try (Stream<Path> files = Files.walk(AppPaths.embeddedSeq2SeqFamily())) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(bytes <= 30_000_000L, "models/kjv-t5 takes " + bytes + " bytes");
    }

    @Test
    void everyMethodIsGreedyIdenticalToPlainDecodingOnTheSamplePrompts() throws IOException {
        List<MethodSpec> methods = new ArrayList<>();
        for (LoadedModel d : family.drafts()) {
            methods.add(new MethodSpec(MethodSpec.Method.SD, 5, 1, 1, null, d.name()));
        }
        methods.add(new MethodSpec(MethodSpec.Method.SD, 5, 1, 1, null, MethodSpec.MAX_GRAM));
        methods.add(new MethodSpec(MethodSpec.Method.CSD, 6, 2, 3, null, null));
        methods.add(new MethodSpec(MethodSpec.Method.CSD, 6, 3, 2, null, null).withFastPath(CopyFastPath.OFF));
        for (PaperPreset p : PaperPreset.values()) {
            methods.add(p.spec());
        }
        int prompts = 0;
        for (PromptLibrary.Prompt p : PromptLibrary.load(AppPaths.samplePrompts())) {
            if (prompts++ == 4) {
                break;
            }
            int[] ids = family.target().tokenizer().encode(p.text());
            int[] plain = run(MethodSpec.ar(), ids, p.text());
            assertTrue(plain.length > 8, "the target writes a verse for " + p.name());
            for (MethodSpec m : methods) {
                assertArrayEquals(plain, run(m, ids, p.text()), m.label() + " on " + p.name());
            }
        }
    }

    private static int[] run(MethodSpec m, int[] ids, String text) {
        return Runner.run(family, new Runner.Request(m, SamplingSettings.GREEDY, 48), ids, text, List.of(), null,
                e -> { }, () -> false, "cpu").result().tokens();
    }
}
