package io.cascadelab.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.cascadelab.util.StrictJson;
import io.cascadelab.decode.GenerationResult;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.trace.ModelCost;
import io.cascadelab.trace.RunMetrics;
import io.cascadelab.trace.TraceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code generate}: one prompt, one method; text on stdout, or everything as JSON. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text with plain decoding (ar), speculative decoding (sd), CS Drafting (csd) or an MLP speculator (spec).")
public final class GenerateCommand implements Callable<Integer> {

    @Mixin PromptOptions prompt;
    @Mixin ModelOptions models;
    @Mixin MethodOptions options;

    @Option(names = "--method", defaultValue = "csd", description = "ar, sd, csd or spec (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--json", description = "print one JSON object with the text, token ids, settings and metrics")
    boolean json;

    @Option(names = "--trace", description = "write the step trace (JSON Lines) to this file")
    Path trace;

    @Option(names = "--baseline", description = "also run plain decoding to measure the wall-clock speedup and check losslessness")
    boolean baseline;

    @Override
    public Integer call() throws Exception {
        String text = prompt.text();
        MethodSpec requested = options.spec(MethodSpec.Method.parse(method));
        new Runner.Request(requested, options.sampling(), options.maxNewTokens); // refuse bad settings before loading
        OutputFiles.checkCreatable(trace, "--trace");
        try (ModelFamily family = models.load()) {
            MethodSpec spec = requested.forFamily(family);
            PromptOptions.Encoded encoded = prompt.encode(text, family.target());
            text = encoded.text();
            int[] ids = encoded.ids();
            List<ModelCost> costs = Runner.measureCosts(family, spec, ids.length);
            Runner.Request req = new Runner.Request(spec, options.sampling(), options.maxNewTokens);
            String device = DjlEnvironment.configuredDevice().toString();
            Runner.Output out = Runner.run(family, req, ids, text, costs, null, s -> { }, () -> false, device);
            Runner.Output base = null;
            if (baseline) {
                base = Runner.run(family, new Runner.Request(MethodSpec.ar(), options.sampling(), options.maxNewTokens),
                        ids, text, costs, null, s -> { }, () -> false, device);
            }
            RunMetrics m = out.trace().metrics();
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("text", out.trace().summary().text());
                o.addProperty("prompt", text);
                o.add("prompt_ids", ReportJson.ints(ids));
                o.add("tokens", ReportJson.ints(out.result().tokens()));
                o.add("method", ReportJson.method(spec, options.sampling(), options.maxNewTokens, out.trace().header()));
                o.add("metrics", ReportJson.metrics(m, costs, base == null ? null : base.result(), out.result()));
                Map<String, double[]> perHead = RunMetrics.headAcceptance(out.trace().steps());
                if (!perHead.isEmpty()) {
                    o.getAsJsonObject("metrics").add("AR_per_head", ReportJson.perHead(perHead));
                }
                o.addProperty("stop_reason", out.result().stopReason().name());
                Stdout.println(StrictJson.toJson(StrictJson.report(), o));
            } else {
                // an encoder-decoder's output answers the input rather than continuing it
                boolean continues = !family.input(ids).hasEncoderInput();
                Stdout.println((continues ? text : "") + out.trace().summary().text());
                System.err.println(spec.label() + ": " + ReportJson.oneLine(m, base == null ? null : base.result(), out.result()));
                RunMetrics.headAcceptance(out.trace().steps()).forEach((name, ar) ->
                        System.err.println("AR per head of " + name + ": " + java.util.Arrays.toString(ar)));
            }
            if (out.result().stopReason() == GenerationResult.StopReason.CONTEXT_FULL) {
                System.err.println("note: the context is full: " + family.target().name() + " holds "
                        + Runner.capacity(family, family.input(ids).start().length, options.maxNewTokens)
                        + " positions here, so generation stopped after " + out.result().tokens().length
                        + " new tokens (every method stops at the same length)");
            }
            if (trace != null) { // after the text: a full disk loses the trace, not the output
                OutputFiles.write(trace, "--trace", () -> TraceFile.write(trace, out.trace()));
            }
        }
        return 0;
    }
}
