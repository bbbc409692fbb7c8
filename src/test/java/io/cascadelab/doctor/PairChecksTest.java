package io.cascadelab.doctor;

import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.model.ConfigReader;
import io.cascadelab.model.ModelConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The speculator checks: it must read states of the target's hidden size over the target's vocabulary. */
class PairChecksTest {

    private static final ModelConfig TARGET = ConfigReader.read(Path.of("src/test/resources/fixtures/llama-gqa-rope3"));
    private static final ModelSide SIDE = new ModelSide("target", TARGET, null);

    @Test
    void aSpeculatorForAnotherHiddenSizeIsAProblemWithAdvice() {
        List<Finding> f = PairChecks.speculator(SIDE, "spec", MlpSpeculatorConfig.of(TARGET.vocabSize(), 96, 0, 3, false, false));
        Finding hidden = f.stream().filter(x -> x.check().equals("hidden size")).findFirst().orElseThrow();
        assertEquals(Finding.Status.PROBLEM, hidden.status());
        assertEquals("the speculator's emb_dim is 96 but target has hidden size " + TARGET.hiddenSize(), hidden.detail());
        assertTrue(hidden.advice().contains("train-speculator"), hidden.advice());
    }

    @Test
    void aFittingSpeculatorPasses() {
        List<Finding> f = PairChecks.speculator(SIDE, "spec",
                MlpSpeculatorConfig.of(TARGET.vocabSize(), TARGET.hiddenSize(), 0, 3, false, false));
        assertTrue(f.stream().allMatch(x -> x.status() == Finding.Status.OK), f.toString());
    }

    @Test
    void withoutATokenizerEqualityIsAWarningNotAPass() {
        Finding t = PairChecks.tokenizer(SIDE, new ModelSide("drafter", TARGET, null));
        assertEquals(Finding.Status.WARNING, t.status());
    }
}
