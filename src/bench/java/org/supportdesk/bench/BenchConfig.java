package org.supportdesk.bench;

/**
 * What to run, from system properties: {@code bench.db} = h2 (default) | postgres, {@code bench.smoke} = true for
 * the small CI run. Sizes can be overridden one by one ({@code bench.storm.tickets}, …).
 */
record BenchConfig(String db, boolean smoke, int floorSeconds, int intakeSeconds, int warmupSeconds,
                   int[] clients, int openLoopRate, int openLoopSeconds, int stormTickets, int historyTickets,
                   int historySamples) {

    static BenchConfig fromSystemProperties() {
        boolean smoke = Boolean.getBoolean("bench.smoke");
        String db = System.getProperty("bench.db", "h2");
        return new BenchConfig(db, smoke,
                integer("bench.floor.seconds", smoke ? 3 : 15),
                integer("bench.intake.seconds", smoke ? 3 : 15),
                integer("bench.warmup.seconds", smoke ? 1 : 5),
                smoke ? new int[]{4} : new int[]{2, 4, 8},
                integer("bench.openloop.rate", 50),
                integer("bench.openloop.seconds", smoke ? 3 : 20),
                integer("bench.storm.tickets", smoke ? 200 : 10_000),
                integer("bench.history.tickets", smoke ? 2_000 : 100_000),
                integer("bench.history.samples", smoke ? 50 : 500));
    }

    private static int integer(String name, int fallback) {
        return Integer.getInteger(name, fallback);
    }
}
