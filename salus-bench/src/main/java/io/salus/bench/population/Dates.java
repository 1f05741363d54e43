package io.salus.bench.population;

/** Fast FHIR date and dateTime text (UTC) from epoch days and seconds. Stateless and thread-safe. */
final class Dates {
    private Dates() {
    }

    static String date(long epochDay) {
        StringBuilder b = new StringBuilder(10);
        appendDate(b, epochDay);
        return b.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss+00:00}. */
    static String dateTime(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secs = (int) Math.floorMod(epochSecond, 86_400L);
        StringBuilder b = new StringBuilder(25);
        appendDate(b, day);
        b.append('T');
        two(b, secs / 3600);
        b.append(':');
        two(b, secs / 60 % 60);
        b.append(':');
        two(b, secs % 60);
        return b.append("+00:00").toString();
    }

    private static void appendDate(StringBuilder b, long epochDay) {
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(epochDay);
        int y = d.getYear();
        b.append(y);
        b.append('-');
        two(b, d.getMonthValue());
        b.append('-');
        two(b, d.getDayOfMonth());
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
