package org.supportdesk.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as SVG (no script, no library, nothing from a CDN): numbers and dates only go in, so
 * the markup needs no escaping.
 */
final class Charts {

    static final int HEIGHT = 160;

    private Charts() {
    }

    /** Filed (dark) and solved (light) bars per day or week, with the largest value on the axis. */
    static String filedAndSolved(List<Dashboard.Bucket> buckets) {
        long max = Math.max(1, buckets.stream().mapToLong(b -> Math.max(b.filed(), b.solved())).max().orElse(1));
        // about 900 pixels wide whatever the number of days or weeks, a date under every few bars
        int step = Math.max(14, Math.min(60, 880 / Math.max(1, buckets.size())));
        int bar = Math.max(5, step * 2 / 5);
        int labelEvery = Math.max(1, (int) Math.ceil(buckets.size() / (880.0 / 90)));
        int width = 40 + buckets.size() * step + 40;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">Tickets"
                        + " filed and solved per day or week, at most %d</title>", width, HEIGHT + 30, width, HEIGHT + 30,
                max));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"24\" font-size=\"11\" fill=\"#555\">%d</text>", max));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\" fill=\"#555\">0</text>",
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "<line x1=\"36\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
                HEIGHT, width, HEIGHT));
        int x = 40;
        for (int i = 0; i < buckets.size(); i++) {
            Dashboard.Bucket bucket = buckets.get(i);
            bar(svg, x, bucket.filed(), max, "#1f4e79", bucket.start() + ": " + bucket.filed() + " filed", bar);
            bar(svg, x + bar, bucket.solved(), max, "#7fb77e", bucket.start() + ": " + bucket.solved() + " solved", bar);
            if (i % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#555\">%s</text>", x, HEIGHT + 14,
                        bucket.start()));
            }
            x += step;
        }
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, int x, long value, long max, String colour, String label, int width) {
        int height = (int) Math.round((HEIGHT - 20) * (double) value / max);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\">"
                + "<title>%s</title></rect>", x, HEIGHT - height, width, height, colour, label));
    }
}
