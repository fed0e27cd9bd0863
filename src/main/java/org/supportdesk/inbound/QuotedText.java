package org.supportdesk.inbound;

import java.util.regex.Pattern;

/**
 * A reply's new text without the quoted history below it, which the conversation already holds. Cuts at the
 * usual separators ("On … wrote:", Outlook's "-----Original Message-----" or "From:" header block) and drops a
 * trailing run of "&gt;"-quoted lines.
 */
final class QuotedText {

    private static final Pattern SEPARATOR = Pattern.compile(
            "(?m)^(\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht)\\s*-{2,}.*"
                    + "|\\s*On [^\\n]{3,200}(\\R[^\\n]{0,200})?wrote:\\s*"
                    + "|\\s*Am .{3,200}schrieb .{0,200}:\\s*"
                    + "|\\s*_{10,}\\s*"
                    + "|\\s*From: .+\\R\\s*(Sent|Date): .+)$");

    private QuotedText() {
    }

    static String strip(String text) {
        String result = text;
        var matcher = SEPARATOR.matcher(result);
        if (matcher.find() && matcher.start() > 0) {
            result = result.substring(0, matcher.start());
        }
        String[] lines = result.split("\\R", -1);
        int end = lines.length;
        while (end > 0 && (lines[end - 1].isBlank() || lines[end - 1].startsWith(">"))) {
            end--;
        }
        String kept = String.join("\n", java.util.Arrays.copyOf(lines, end)).strip();
        return kept.isEmpty() ? text.strip() : kept;
    }
}
