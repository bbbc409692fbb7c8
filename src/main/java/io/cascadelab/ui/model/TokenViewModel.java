package io.cascadelab.ui.model;

import io.cascadelab.decode.DecodeInput;
import io.cascadelab.trace.EmittedToken;
import io.cascadelab.trace.GhostToken;
import io.cascadelab.trace.RunHeader;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.TokenOrigin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns step events into token-view items (text, provenance, step group, ghosts, tooltips). Plain
 * Java: a live run calls it on the decoding thread, a replay on any thread; the view only renders.
 * The input comes first: a decoder-only run's prompt, which the output continues, or an
 * encoder-decoder's encoder input, whose output is a text of its own (its decoder start token is
 * not shown). Not thread-safe: one instance per run, used by one thread at a time.
 */
public final class TokenViewModel {

    private final TokenTexts inputTexts;
    private final TokenTexts texts;
    private final int inputLength;
    private final int hidden;
    private final boolean encoderDecoder;
    private final Map<String, Provenance> legend = new LinkedHashMap<>();
    private int generated;

    /** A decoder-only run on {@code prompt}. */
    public TokenViewModel(TokenDecoder decoder, int[] prompt) {
        this(decoder, DecodeInput.decoderOnly(prompt));
    }

    /** A run on {@code input}, as the engine reads it. */
    public TokenViewModel(TokenDecoder decoder, DecodeInput input) {
        encoderDecoder = input.hasEncoderInput();
        int[] shown = encoderDecoder ? input.encoderInput() : input.start();
        inputTexts = new TokenTexts(decoder, shown);
        // an encoder-decoder's output is not a continuation of its input, and its start token is no text:
        // its tokens read as the tokenizer decodes the output alone (as the run's summary text does)
        texts = encoderDecoder ? new TokenTexts(decoder, new int[0]) : inputTexts;
        inputLength = shown.length;
        hidden = encoderDecoder ? input.start().length : 0;
        // the target's own tokens appear in every run
        legend.put("prov-correction", new Provenance("prov-correction", "target correction"));
        legend.put("prov-bonus", new Provenance("prov-bonus", "target bonus"));
    }

    /** The view of a stored run, laid out from its header as the live run was. */
    public static TokenViewModel forTrace(TokenDecoder decoder, RunHeader header) {
        DecodeInput input = header.encoderDecoder() ? new DecodeInput(header.encoderInput(), header.promptIds())
                : DecodeInput.decoderOnly(header.promptIds());
        return new TokenViewModel(decoder, input);
    }

    /** The input's tokens (the prompt, or the encoder input), for highlighting the spans copying drafters copy from. */
    public List<TokenItem> promptItems() {
        // numbered as copy sources name them ("copied from prompt token 4")
        String read = encoderDecoder ? ", read by the encoder" : "";
        List<TokenItem> out = new ArrayList<>();
        for (int i = 0; i < inputLength; i++) {
            out.add(new TokenItem(inputTexts.at(i), "prompt-token", -1, i, false, false, "prompt token " + i + read, null));
        }
        return out;
    }

    /** The input's tokens with their caption, as the view shows them before the output. */
    public PromptView promptView() {
        return encoderDecoder ? PromptView.encoderInput(promptItems()) : PromptView.prompt(promptItems());
    }

    /** The items of one step; call once per step, in order. */
    public StepView toView(StepEvent step) {
        List<TokenItem> items = new ArrayList<>();
        List<GhostToken> ghosts = step.ghosts().stream()
                .filter(g -> g.rejectedBy() == 0)
                .sorted(Comparator.comparingInt(GhostToken::position))
                .toList();
        int drafted = 0;
        for (EmittedToken e : step.emitted()) {
            boolean own = e.origin().isTarget();
            if (own) { // the target's correction comes after the drafts it rejected at this place
                for (GhostToken g : ghosts) {
                    items.add(ghostItem(step.step(), g));
                }
                ghosts = List.of();
            } else {
                drafted++;
            }
            Provenance p = remember(e.origin());
            String text = texts.append(e.token());
            String tip = TooltipText.emitted(text, e.token(), e.position(), e.origin(), e.verdicts());
            items.add(new TokenItem(text, p.styleClass(), step.step(), generated++, false, false, tip,
                    CopySpan.of(e.origin().copy(), inputLength, hidden)));
        }
        for (GhostToken g : ghosts) { // a step cut short by the token limit
            items.add(ghostItem(step.step(), g));
        }
        return new StepView(step.step(), items, drafted);
    }

    private TokenItem ghostItem(int step, GhostToken g) {
        Provenance p = remember(g.origin());
        String text = texts.peek(g.token());
        String tip = TooltipText.ghost(text, g.token(), g.position(), g.origin(), g.tested(), g.rejectedBy(), g.verdicts());
        return new TokenItem(text, p.styleClass(), step, -1, true, g.tested(), tip, null);
    }

    private Provenance remember(TokenOrigin o) {
        Provenance p = Provenance.of(o);
        legend.putIfAbsent(p.styleClass(), p);
        return p;
    }

    /** Provenances seen so far (target correction and bonus always), for the legend. */
    public List<Provenance> legend() {
        return List.copyOf(legend.values());
    }

    /** Generated tokens so far. */
    public int generated() {
        return generated;
    }
}
