package io.cascadelab.cli;

import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.model.DjlEnvironment;
import io.cascadelab.race.LaneSpec;
import io.cascadelab.race.Race;
import io.cascadelab.race.RaceFile;
import io.cascadelab.race.RaceLane;
import io.cascadelab.race.RaceRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/** {@code race}: one prompt, several methods one after another; the lanes' figures and a race file to replay. */
@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Run several methods on one prompt, one after another, and compare them lane by lane"
                + " (the window's Tools ▸ Race replays the file side by side).")
public final class RaceCommand implements Callable<Integer> {

    @Mixin PromptOptions prompt;
    @Mixin ModelOptions models;
    @Mixin MethodOptions options;

    @Option(names = "--methods", defaultValue = "ar,sd,csd",
            description = "lanes, comma-separated: ar, sd[:drafter], csd[:k=N/l=L/d=D], spec[:tree]"
                    + " (default: ${DEFAULT-VALUE}; csd and spec take --k, --lenience and --depth)")
    String methods;

    @Option(names = "--out", defaultValue = "race.jsonl", description = "the race file to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        String text = prompt.text();
        MethodSpec defaults = options.spec(MethodSpec.Method.CSD);
        new Runner.Request(defaults, options.sampling(), options.maxNewTokens); // refuse bad settings before loading
        OutputFiles.checkCreatable(out, "--out");
        try (ModelFamily family = models.load()) {
            List<LaneSpec> lanes = LaneSpec.parse(methods, defaults, family);
            PromptOptions.Encoded p = prompt.encode(text, family.target());
            Race race = RaceRunner.run(family, lanes, p.ids(), p.text(), options.sampling(), options.maxNewTokens,
                    List.of(), (i, of, label, tokens) -> { }, () -> false, DjlEnvironment.configuredDevice().toString());
            print(race);
            OutputFiles.write(out, "--out", () -> RaceFile.write(out, race));
            System.err.println("wrote " + out + " (replay it side by side in the window: Tools ▸ Race…, Open)");
        }
        return 0;
    }

    private static void print(Race race) {
        Stdout.println(String.format(Locale.ROOT, "%-24s %6s %6s %8s %8s %8s %5s  %-28s %s", "lane", "tokens", "steps",
                "seconds", "tok/s", "speedup", "AL", "AR", race.greedy() ? "output vs AR" : "output (sampled)"));
        for (RaceLane lane : race.lanes()) {
            Race.Figures f = race.figures(lane);
            Stdout.println(String.format(Locale.ROOT, "%-24s %6d %6d %8.3f %8.1f %8s %5.2f  %-28s %s", f.label(),
                    f.tokens(), f.steps(), f.seconds(), f.tokensPerSecond(),
                    Double.isNaN(f.speedup()) ? "—" : String.format(Locale.ROOT, "%.2fx", f.speedup()),
                    f.acceptedLength(), rates(f.acceptanceRate()), output(race, lane, f)));
        }
    }

    static String rates(Map<String, Double> ar) {
        if (ar.isEmpty()) {
            return "—";
        }
        StringJoiner j = new StringJoiner(" ");
        ar.forEach((who, r) -> j.add(who + " " + (r.isNaN() ? "—" : String.format(Locale.ROOT, "%.2f", r))));
        return j.toString();
    }

    private static String output(Race race, RaceLane lane, Race.Figures f) {
        if (lane.isAr()) {
            return "(the baseline)";
        }
        if (!race.greedy() || race.ar().isEmpty()) {
            return race.ar().isEmpty() ? "(no AR lane to compare with)" : "(sampled: outputs may differ)";
        }
        if (f.firstDifference() < 0) {
            return "identical";
        }
        int[] t = lane.tokens();
        String token = f.firstDifference() < t.length
                ? lane.trace().tokens().decode(new int[] {t[f.firstDifference()]}) : "(ended early)";
        return "DIFFERS at token " + f.firstDifference() + " (" + token.replace("\n", "⏎") + ")";
    }
}
