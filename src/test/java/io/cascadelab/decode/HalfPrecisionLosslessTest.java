package io.cascadelab.decode;

import ai.djl.Device;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.model.ComputeDType;
import io.cascadelab.model.Goldens;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.util.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Speculation stays greedy-identical to plain decoding when every model computes in F16: a verify
 * pass of k+1 tokens and k+1 single steps must choose the same tokens in half precision too.
 */
class HalfPrecisionLosslessTest {

    @Test
    void sdAndCsdMatchPlainDecodingInF16() throws Exception {
        Path fixtures = FamilyLosslessTest.FIXTURES;
        int[] prompt = Goldens.ints(Json.read(fixtures.resolve("qwen3/expected.json"))
                .getAsJsonArray("input_ids"));
        List<LoadedModel> drafters = new ArrayList<>();
        try (LoadedModel target = LoadedModel.load(fixtures.resolve("qwen3"), Device.cpu(), ComputeDType.F16)) {
            for (String d : List.of("qwen3-draft-a", "qwen3-draft-b")) {
                drafters.add(LoadedModel.load(fixtures.resolve(d), Device.cpu(), ComputeDType.F16));
            }
            int[] plain = FamilyLosslessTest.run(target, List.of(), null, prompt, 40);
            for (LoadedModel d : drafters) {
                assertArrayEquals(plain, FamilyLosslessTest.run(target, List.of(new DraftModelLevel(d)), KMatrix.of(new int[][] {{5}}),
                        prompt, 40), "SD with " + d.name());
            }
            List<String> notes = new ModelFamily(target, List.of(), null).notes(); // not closed: it would close the target
            assertTrue(notes.stream().anyMatch(n -> n.contains("F16 on the CPU")), notes.toString());
            List<LevelSpec> levels = new ArrayList<>();
            drafters.forEach(d -> levels.add(new DraftModelLevel(d)));
            levels.add(new MaxGramSpec(new MaxGramDrafter()));
            assertArrayEquals(plain, FamilyLosslessTest.run(target, levels, KMatrix.expand(6, levels.size()), prompt, 40), "CSD");
        } finally {
            drafters.forEach(LoadedModel::close);
        }
    }
}
