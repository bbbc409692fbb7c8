package io.cascadelab.race;

import java.util.Locale;
import java.util.StringJoiner;

/** A race's lanes as CSV: one row per lane with its figures (METRICS definitions). */
public final class RaceCsv {

    private RaceCsv() {
    }

    /** The CSV text; AR is per drafter ("draft-mid=0.74;MaG=0.45"), first_difference -1 when identical or not compared. */
    public static String of(Race race) {
        StringBuilder b = new StringBuilder("lane,method,tokens,steps,decode_seconds,tokens_per_second,speedup,AL,AR,"
                + "first_difference\n");
        for (RaceLane lane : race.lanes()) {
            Race.Figures f = race.figures(lane);
            StringJoiner ar = new StringJoiner(";");
            f.acceptanceRate().forEach((who, r) -> ar.add(who + "=" + String.format(Locale.ROOT, "%.4f", r)));
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.3f,%.4f,%.4f,%s,%d%n", quote(f.label()),
                    quote(lane.trace().header().method()), f.tokens(), f.steps(), f.seconds(), f.tokensPerSecond(),
                    f.speedup(), f.acceptedLength(), quote(ar.toString()), f.firstDifference()));
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
