package io.salus.bench.report;

import io.salus.bench.Numbers;
import io.salus.bench.Outcome.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws series (x, median y) as a line chart PNG with java.awt, headless. Stateless and thread-safe. */
public final class ThroughputPlot {
    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 100;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private ThroughputPlot() {
    }

    public static void write(Path png, String title, String subtitle, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxX = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1) * 1.08;
        double maxY = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1) * 1.15;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(subtitle, LEFT, 46);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        g.drawLine(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH);
        g.drawLine(LEFT, TOP, LEFT, TOP + plotH);
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            int x = LEFT + plotW * i / 5;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT + 1, y, LEFT + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(Numbers.compact(maxY * i / 5), 10, y + 4);
            g.drawString(Numbers.compact(maxX * i / 5), x - 10, TOP + plotH + 18);
        }
        if (!series.isEmpty()) {
            g.drawString(series.get(0).xLabel(), LEFT + plotW / 2 - 60, H - 25);
            g.drawString(series.get(0).yLabel(), 10, TOP - 6);
        }
        g.setStroke(new BasicStroke(2.2f));
        for (int s = 0; s < series.size(); s++) {
            g.setColor(COLORS[s % COLORS.length]);
            int px = -1;
            int py = -1;
            for (double[] p : series.get(s).points()) {
                int x = LEFT + (int) (plotW * p[0] / maxX);
                int y = TOP + plotH - (int) (plotH * p[1] / maxY);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(LEFT + plotW - 330, TOP + 10 + 20 * s, 14, 4);
            g.drawString(series.get(s).name(), LEFT + plotW - 310, TOP + 16 + 20 * s);
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }
}
