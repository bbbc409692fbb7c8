package io.cascadelab.tune;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.T5Family;
import io.cascadelab.util.PromptLibrary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuning lab's sweeps on an encoder-decoder family (the T5 fixtures): every run goes through the
 * runner, so the encoder reads the prompt and the decoder starts from its start token; every cell
 * reproduces the target's greedy output and copies from the encoder input count as accepted drafts.
 */
class EncoderDecoderSweepTest {

    @Test
    void aSweepOnT5MeasuresEveryCellLosslessly() {
        try (ModelFamily f = T5Family.load()) {
            List<SweepPrompt> prompts = SweepPrompt.encode(
                    List.of(new PromptLibrary.Prompt("lab", "copying", T5Family.COPYING_PROMPT)),
                    f.target().tokenizer());
            SweepPlan plan = new SweepPlan(GridSpec.parse("k=4,6", "lenience=1,2"), T5Family.CSD, prompts,
                    SamplingSettings.GREEDY, 24, 0, 1);
            List<CellResult> seen = new ArrayList<>();
            SweepResult r = new SweepRunner(f, plan, "cpu").run(new SweepListener() {
                @Override
                public void progress(SweepProgress p) {
                }

                @Override
                public void cellFinished(CellResult cell) {
                    seen.add(cell);
                }
            }, () -> false);
            assertFalse(r.cancelled());
            assertEquals(4, r.cells().size());
            assertEquals(5, seen.size(), "the default and four cells");
            for (CellResult c : seen) {
                assertEquals(1, c.figures().identical(), c.label() + " must reproduce the target's greedy output");
                for (PromptRun p : c.runs()) {
                    assertEquals(p.baselineTokens(), p.tokens());
                    assertTrue(p.tokens() > 0, c.label());
                    assertTrue(p.accepted() > 0, c.label() + ": drafts were kept");
                }
            }
        }
    }
}
