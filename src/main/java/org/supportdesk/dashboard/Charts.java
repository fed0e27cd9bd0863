package org.supportdesk.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as SVG (no script, no library, nothing from a CDN): numbers and dates only go in, so
 * the markup needs no escaping.
 */
final class Charts {

    static final int HEIGHT = 160;
    static final int BAR = 8;

    private Charts() {
    }

    /** Filed (dark) and solved (light) bars per day or week, with the largest value on the axis. */
    static String filedAndSolved(List<Dashboard.Bucket> days) {
        long max = Math.max(1, days.stream().mapToLong(d -> Math.max(d.filed(), d.solved())).max().orElse(1));
        int width = 40 + days.size() * (2 * BAR + 6);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">Tickets"
                        + " filed and solved per day or week, at most %d</title>", width, HEIGHT + 30, width, HEIGHT + 30,
                max));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"12\" font-size=\"11\" fill=\"#555\">%d</text>", max));
        svg.append(String.format(Locale.ROOT, "<line x1=\"36\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                HEIGHT, width, HEIGHT));
        int x = 40;
        for (Dashboard.Bucket day : days) {
            bar(svg, x, day.filed(), max, "#1f4e79", day.start() + ": " + day.filed() + " filed");
            bar(svg, x + BAR, day.solved(), max, "#7fb77e", day.start() + ": " + day.solved() + " solved");
            if (day.start().getDayOfMonth() <= (days.size() > 1 && days.get(1).start().minusDays(7)
                    .equals(day.start()) ? 7 : 1) || day == days.get(0)) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">%s</text>",
                        x, HEIGHT + 14, day.start()));
            }
            x += 2 * BAR + 6;
        }
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, int x, long value, long max, String colour, String label) {
        int height = (int) Math.round((HEIGHT - 20) * (double) value / max);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                + "<title>%s</title></rect>", x, HEIGHT - height, BAR, height, colour, label));
    }
}
