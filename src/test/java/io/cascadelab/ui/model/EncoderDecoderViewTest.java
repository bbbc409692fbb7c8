package io.cascadelab.ui.model;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.decode.T5Family;
import io.cascadelab.draft.CopySource;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.RunHeader;
import io.cascadelab.trace.Trace;
import io.cascadelab.trace.TraceFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Encoder-decoder runs in traces and the token view, on the T5 fixture family (CS Drafting, greedy):
 * the trace keeps the encoder input, a replay with no model shows what the live run showed, the
 * output stands apart from the input it answers, and a copy from the encoder input lights the
 * input's tokens.
 */
class EncoderDecoderViewTest {

    private static ModelFamily family;
    private static int[] prompt;
    private static Runner.Output live;
    private static PromptView livePrompt;
    private static final List<StepView> liveViews = new ArrayList<>();

    @BeforeAll
    static void runLive() {
        family = T5Family.load();
        prompt = family.target().tokenizer().encode(T5Family.COPYING_PROMPT);
        // as RunTasks.decode lays out a live run: from the input as the engine reads it
        TokenViewModel vm = new TokenViewModel(TokenDecoder.of(family.target().tokenizer()), family.input(prompt));
        livePrompt = vm.promptView();
        live = Runner.run(family, new Runner.Request(T5Family.CSD, SamplingSettings.GREEDY, 40), prompt,
                T5Family.COPYING_PROMPT, List.of(), null, e -> liveViews.add(vm.toView(e)), () -> false, "cpu()");
    }

    @AfterAll
    static void close() {
        family.close();
    }

    private static Trace roundTrip(Trace t) throws IOException {
        StringWriter w = new StringWriter();
        TraceFile.write(w, t);
        return TraceFile.read(new BufferedReader(new StringReader(w.toString())), "run.jsonl");
    }

    @Test
    void aCsdTraceRoundTripsWithItsEncoderInput() throws IOException {
        RunHeader h = live.trace().header();
        assertEquals("csd", h.method());
        assertTrue(h.encoderDecoder());
        assertArrayEquals(prompt, h.encoderInput(), "the encoder read the prompt");
        int start = family.target().config().encoder().decoderStartTokenId();
        assertArrayEquals(new int[] {start}, h.promptIds(), "the decoded sequence starts with the decoder start token");
        assertEquals(1, live.trace().steps().get(0).emitted().get(0).position(), "the first new token follows the start token");

        Trace back = roundTrip(live.trace());
        assertTrue(back.header().encoderDecoder());
        assertArrayEquals(prompt, back.header().encoderInput());
        assertArrayEquals(h.promptIds(), back.header().promptIds());
        assertArrayEquals(live.result().tokens(), back.summary().tokens());
        assertEquals(live.trace().steps().size(), back.steps().size());
    }

    @Test
    void aReplayWithNoModelShowsWhatTheLiveRunShowed() throws IOException {
        Trace back = roundTrip(live.trace());
        // as RunTasks.replay lays it out: the token texts the trace stores, no tokenizer
        TokenViewModel vm = TokenViewModel.forTrace(TokenDecoder.forTrace(back, null), back.header());
        assertEquals(livePrompt, vm.promptView());
        List<StepView> views = back.steps().stream().map(vm::toView).toList();
        assertEquals(liveViews, views);
    }

    @Test
    void theEncoderInputIsCaptionedAndTheOutputReadsAsTheRunsTextWithoutTheStartToken() {
        assertEquals(PromptView.ENCODER_CAPTION, livePrompt.caption());
        assertEquals(PromptView.OUTPUT_CAPTION, livePrompt.outputCaption());
        assertEquals(prompt.length, livePrompt.tokens().size(), "every token the encoder read, </s> included");
        assertTrue(livePrompt.tokens().get(0).tooltip().contains("read by the encoder"), livePrompt.tokens().get(0).tooltip());
        String shown = liveViews.stream().flatMap(v -> v.items().stream()).filter(i -> !i.ghost())
                .map(TokenItem::text).collect(Collectors.joining());
        assertEquals(live.trace().summary().text(), shown);
    }

    /** A check of one emitted token {@code g} copied from {@code c}, shown with {@code span}. */
    private interface CopyCheck {
        void check(int g, CopySource c, CopySpan span);
    }

    /** Runs {@code check} on every emitted token the live run copied from a source of {@code kind}; returns how many. */
    private static int forEachCopy(CopySource.Kind kind, CopyCheck check) {
        List<TokenItem> items = liveViews.stream().flatMap(v -> v.items().stream()).filter(i -> !i.ghost()).toList();
        List<EmittedToken> emitted = live.trace().steps().stream().flatMap(s -> s.emitted().stream()).toList();
        int copies = 0;
        for (int g = 0; g < emitted.size(); g++) {
            CopySource c = emitted.get(g).origin().copy();
            if (c != null && c.kind() == kind) {
                copies++;
                check.check(g, c, items.get(g).copy());
            }
        }
        return copies;
    }

    @Test
    void aCopyFromTheEncoderInputLightsTheInputTokensItWasCopiedFrom() {
        int[] output = live.result().tokens();
        int copies = forEachCopy(CopySource.Kind.PROMPT, (g, c, span) -> {
            assertEquals(new CopySpan(c.index() - c.matchLength(), c.index()), span);
            assertTrue(span.endInclusive() < prompt.length, "the span lies in the encoder input: " + span);
            assertEquals(output[g], prompt[span.endInclusive()], "the lit token is the one copied");
            assertArrayEquals(Arrays.copyOfRange(output, g - c.matchLength(), g),
                    Arrays.copyOfRange(prompt, span.start(), span.endInclusive()),
                    "the lit match is the output just before the copy");
        });
        assertTrue(copies > 0, "the prompt is chosen so the run copies from it");
    }

    @Test
    void aCopyFromTheDecodedTextLightsTheOutputTokensAfterTheInput() {
        int[] output = live.result().tokens();
        int copies = forEachCopy(CopySource.Kind.GENERATED, (g, c, span) -> {
            assertEquals(prompt.length + c.index(), span.endInclusive(), "output token " + c.index() + ", after the input");
            assertEquals(output[g], output[c.index()], "the lit token is the one copied");
        });
        assertTrue(copies > 0, "the run copies from its own output too");
    }

    @Test
    void everyCopySpanLiesInTheTextShownBeforeItsToken() {
        for (StepView v : liveViews) {
            for (TokenItem i : v.items()) {
                CopySpan c = i.copy();
                if (c != null) { // the input's tokens come first, then output tokens 0 .. index - 1
                    assertTrue(c.start() >= 0 && c.start() <= c.endInclusive() && c.endInclusive() < prompt.length + i.index(),
                            c + " for output token " + i.index());
                }
            }
        }
    }

    @Test
    void aCopySpanRunsAcrossTheSeamSkippingTheHiddenStartToken() {
        // five input tokens shown, one decoder start token hidden, then the output
        assertEquals(new CopySpan(4, 6), CopySpan.of(new CopySource(CopySource.Kind.GENERATED, 1, 3), 5, 1),
                "output token 1 after a match over input token 4, the start token and output token 0");
        assertEquals(new CopySpan(1, 3), CopySpan.of(new CopySource(CopySource.Kind.PROMPT, 3, 2), 5, 1));
        assertEquals(new CopySpan(4, 4), CopySpan.of(new CopySource(CopySource.Kind.PROMPT, 5, 1), 5, 1),
                "a copied start token is not shown: only its match is");
        assertNull(CopySpan.of(new CopySource(CopySource.Kind.PROMPT, 5, 0), 5, 1), "nothing shown to light");
        // decoder-only: nothing hidden, and a match that begins in the prompt lights it too
        assertEquals(new CopySpan(3, 5), CopySpan.of(new CopySource(CopySource.Kind.GENERATED, 1, 2), 4, 0));
    }

    @Test
    void anOlderTraceWithoutAnEncoderInputReadsAsDecoderOnly() throws IOException {
        Trace old = ExampleTrace.load();
        assertFalse(old.header().encoderDecoder());
        assertNull(old.header().encoderInput());
        PromptView p = TokenViewModel.forTrace(TokenDecoder.forTrace(old, null), old.header()).promptView();
        assertNull(p.caption(), "a prompt the output continues has no caption");
        assertEquals(old.header().promptIds().length, p.tokens().size());
        assertFalse(roundTrip(old).header().encoderDecoder(), "a decoder-only header is written without the field");
    }
}
