package org.supportdesk.dashboard;

import java.util.List;

/**
 * A dashboard table as CSV (RFC 4180, CRLF), safe to open in a spreadsheet whatever its locale. Customer text
 * (summaries, subjects) reaches these files, and a spreadsheet runs a cell as a formula when it starts with
 * {@code = + - @}, a tab or a carriage return. Excel splits a line at its locale's list separator, which is
 * {@code ;} in much of Europe, so an unquoted {@code note;=1+1} is two cells there, the second a formula.
 * <ul>
 *     <li>Every cell is quoted, inner quotes doubled: a separator or a line break inside a cell stays inside it,
 *     in every locale (Excel honours the quotes).</li>
 *     <li>A cell gets a leading apostrophe, which makes a spreadsheet show it as text, when it starts with one of
 *     those characters, or when it contains {@code ;} or {@code ,} followed by one of them, spaces in between or
 *     not. Numbers such as {@code -1} become text too: one rule for every cell, whatever wrote it.</li>
 * </ul>
 * Every CSV the desk writes goes through here.
 */
final class Csv {

    /** What a spreadsheet reads as the start of a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    static String of(Dashboard.Table table) {
        StringBuilder csv = new StringBuilder();
        line(csv, table.columns());
        table.rows().forEach(row -> line(csv, row));
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (runsAsFormula(text)) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** Starts with a formula character, or has one after a {@code ;} or {@code ,} (and any spaces). */
    private static boolean runsAsFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        if (FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ';' || c == ',') {
                int next = i + 1;
                while (next < text.length() && text.charAt(next) == ' ') {
                    next++;
                }
                if (next < text.length() && FORMULA_STARTS.indexOf(text.charAt(next)) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
