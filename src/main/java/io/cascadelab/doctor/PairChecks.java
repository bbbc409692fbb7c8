package io.cascadelab.doctor;

import io.cascadelab.draft.MlpSpeculatorConfig;
import io.cascadelab.model.ModelConfig;
import io.cascadelab.model.TextTokenizer;
import io.cascadelab.model.TokenizerMismatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The static checks of a pair: how each reads its input (encoder-decoder or decoder-only, decoder
 * start token), vocabulary, tokenizer, special tokens, context length, hidden size.
 */
public final class PairChecks {

    private PairChecks() {
    }

    /** Checks a draft model against its target. */
    public static List<Finding> drafter(ModelSide target, ModelSide drafter) {
        List<Finding> out = new ArrayList<>();
        // decoder-only pairs keep their report as it was: these two only concern encoder-decoders
        if (target.encoderDecoder() || drafter.encoderDecoder()) {
            out.add(encoderDecoder(target, drafter));
        }
        if (target.encoderDecoder() && drafter.encoderDecoder()) {
            out.add(decoderStart(target, drafter));
        }
        out.add(vocabulary(target.name(), target.config().vocabSize(), drafter.name(), drafter.config().vocabSize()));
        out.add(tokenizer(target, drafter));
        out.add(specialTokens(target, drafter));
        out.add(context(target, drafter));
        return out;
    }

    /** Checks an MLP speculator against its target. */
    public static List<Finding> speculator(ModelSide target, String name, MlpSpeculatorConfig spec) {
        List<Finding> out = new ArrayList<>();
        out.add(vocabulary(target.name(), target.config().vocabSize(), name, spec.vocabSize()));
        int hidden = target.config().hiddenSize();
        out.add(spec.embDim() == hidden
                ? Finding.ok("hidden size", "the speculator reads states of width " + hidden + ", the target's hidden size")
                : new Finding("hidden size", Finding.Status.PROBLEM, "the speculator's emb_dim is " + spec.embDim()
                        + " but " + target.name() + " has hidden size " + hidden,
                        "a speculator reads its target's final hidden state and only fits the model it was trained for:"
                                + " use the speculator trained for this target, or train one (train-speculator)"));
        return out;
    }

    /** Both must read the input the same way: through an encoder (T5), or as the start of the decoded text. */
    static Finding encoderDecoder(ModelSide target, ModelSide drafter) {
        if (target.encoderDecoder() && drafter.encoderDecoder()) {
            String archs = arch(target).equals(arch(drafter)) ? arch(target) : arch(target) + ", " + arch(drafter);
            return Finding.ok("encoder-decoder", "both are encoder-decoders (" + archs + "): the encoder reads the"
                    + " input, the decoder drafts and reviews after the decoder start token");
        }
        String t = target.name() + " (" + arch(target) + ")";
        String d = drafter.name() + " (" + arch(drafter) + ")";
        return new Finding("encoder-decoder", Finding.Status.PROBLEM, target.encoderDecoder()
                ? "the target " + t + " is an encoder-decoder and the drafter " + d + " is decoder-only"
                : "the target " + t + " is decoder-only and the drafter " + d + " is an encoder-decoder",
                "a drafter must read the input as the target does: an encoder-decoder target needs encoder-decoder"
                        + " drafters of its tokenizer (a smaller T5 under a larger one), a decoder-only target decoder-only ones");
    }

    /** Drafter and target must begin the decoded sequence with the same token (the engine starts it once, from the target's). */
    static Finding decoderStart(ModelSide target, ModelSide drafter) {
        int t = target.config().encoder().decoderStartTokenId();
        int d = drafter.config().encoder().decoderStartTokenId();
        if (t == d) {
            return Finding.ok("decoder start", "both start decoding at decoder_start_token_id " + special(target, t));
        }
        return new Finding("decoder start", Finding.Status.PROBLEM,
                target.name() + " starts decoding at decoder_start_token_id " + special(target, t) + ", "
                        + drafter.name() + " at " + special(drafter, d),
                "a run starts the decoded sequence once, with the target's start token, so the drafter would draft"
                        + " after a start it was not trained on: use a drafter of the target's family (T5 models start"
                        + " at their pad token, usually 0)");
    }

    static Finding vocabulary(String targetName, int targetVocab, String drafterName, int drafterVocab) {
        if (targetVocab == drafterVocab) {
            return Finding.ok("vocabulary size", "both have " + targetVocab + " token ids");
        }
        return new Finding("vocabulary size", Finding.Status.PROBLEM,
                String.format(Locale.ROOT, "%s has %d token ids, %s has %d", targetName, targetVocab, drafterName, drafterVocab),
                "the drafter's distributions must cover the target's ids one for one: use a drafter of the same model family");
    }

    static Finding tokenizer(ModelSide target, ModelSide drafter) {
        TextTokenizer a = target.tokenizer();
        TextTokenizer b = drafter.tokenizer();
        if (a == null || b == null) {
            String missing = a == null ? target.name() : drafter.name();
            return new Finding("tokenizer", Finding.Status.WARNING, missing + " has no tokenizer.json, so equality cannot be checked",
                    "put the model's tokenizer.json in its folder; drafter and target must split text into the same ids");
        }
        TokenizerMismatch m = TokenizerMismatch.compare(a, b);
        if (m == null) {
            return Finding.ok("tokenizer", "identical id → token tables (" + a.vocabSize() + " entries)");
        }
        return new Finding("tokenizer", Finding.Status.PROBLEM,
                "first difference at id " + m.firstDifferingId() + ": " + quote(m.leftToken()) + " in " + target.name()
                        + ", " + quote(m.rightToken()) + " in " + drafter.name() + " (tables of " + m.leftSize()
                        + " and " + m.rightSize() + " entries)",
                "the same id would mean different text, so no draft could be trusted: pick a drafter trained with the"
                        + " target's tokenizer");
    }

    static Finding specialTokens(ModelSide target, ModelSide drafter) {
        ModelConfig t = target.config();
        ModelConfig d = drafter.config();
        List<String> diffs = new ArrayList<>();
        if (t.bosTokenId() != d.bosTokenId()) {
            diffs.add("BOS " + special(target, t.bosTokenId()) + " vs " + special(drafter, d.bosTokenId()));
        }
        // a T5 pads with its pad token and usually starts decoding at it, so for encoder-decoders pad matters too
        boolean seq2seq = target.encoderDecoder() && drafter.encoderDecoder();
        if (seq2seq && target.padTokenId() != drafter.padTokenId()) {
            diffs.add("PAD " + special(target, target.padTokenId()) + " vs " + special(drafter, drafter.padTokenId()));
        }
        if (!t.eosTokenIds().equals(d.eosTokenIds())) {
            diffs.add("EOS " + t.eosTokenIds() + " vs " + d.eosTokenIds());
        }
        if (diffs.isEmpty()) {
            return Finding.ok("special tokens", "same BOS " + special(target, t.bosTokenId())
                    + (seq2seq ? ", PAD " + special(target, target.padTokenId()) : "") + " and EOS " + t.eosTokenIds());
        }
        return new Finding("special tokens", Finding.Status.WARNING, String.join("; ", diffs),
                "the run stops on the target's EOS; a drafter that expects other special tokens drafts poorly around them:"
                        + (seq2seq ? " align pad_token_id/eos_token_id" : " align bos_token_id/eos_token_id")
                        + " in the drafter's config.json if the tokenizers agree");
    }

    static Finding context(ModelSide target, ModelSide drafter) {
        int t = target.config().maxPositions();
        int d = drafter.config().maxPositions();
        if (d >= t) {
            return Finding.ok("context length", drafter.name() + " holds " + d + " positions, the target " + t);
        }
        return new Finding("context length", Finding.Status.WARNING,
                drafter.name() + " holds " + d + " positions but the target " + t,
                "runs stop when the sequence reaches " + d + " tokens: use shorter prompts and outputs, or a drafter with a longer context");
    }

    private static String special(ModelSide side, int id) {
        if (id < 0) {
            return "none";
        }
        String s = side.tokenizer() == null ? null : side.tokenizer().token(id);
        return s == null ? String.valueOf(id) : id + " " + quote(s);
    }

    private static String arch(ModelSide side) {
        return side.config().architecture().className();
    }

    private static String quote(String s) {
        return s == null ? "absent" : "'" + s + "'";
    }
}
