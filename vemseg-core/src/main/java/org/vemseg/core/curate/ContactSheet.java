package org.vemseg.core.curate;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Picks a fixed number of patches from a stream of any length (uniformly at random by seeded reservoir
 * sampling, so a rerun shows the same patches; or the lowest- or highest-scoring ones) and draws them as a
 * labelled grid, so a person can check what curation kept and dropped. Memory is bounded by the
 * capacity, whatever the stream length.
 */
final class ContactSheet {

    /** A sampled patch and its caption; {@code partnerId} >= 0 draws the kept patch it duplicates beside it. */
    record Entry(int id, byte[] pixels, int size, double score, String caption, int partnerId) {
    }

    private static final int TILE = 160;
    private static final int CAPTION = 30;
    private static final int GAP = 4;

    /** Which patches a sheet keeps. */
    enum Pick {
        /** A uniform random sample (reservoir sampling, seeded). */
        RANDOM,
        /** The lowest-scoring patches seen. */
        LOWEST,
        /** The highest-scoring patches seen. */
        HIGHEST
    }

    private final int capacity;
    private final Pick pick;
    private final List<Entry> entries = new ArrayList<>();
    private final SplittableRandom random;
    private long seen;

    ContactSheet(int capacity, long seed) {
        this(capacity, Pick.RANDOM, seed);
    }

    ContactSheet(int capacity, Pick pick, long seed) {
        this.capacity = capacity;
        this.pick = pick;
        this.random = new SplittableRandom(seed);
    }

    /** Offers a patch; keeps it if it belongs to the sample. */
    void offer(Entry e) {
        seen++;
        if (entries.size() < capacity) {
            entries.add(e);
            return;
        }
        switch (pick) {
            case RANDOM -> {
                long j = random.nextLong(seen);
                if (j < capacity) {
                    entries.set((int) j, e);
                }
            }
            case LOWEST, HIGHEST -> {
                // capacity is small (tens): a linear scan for the entry to replace is cheaper than a heap
                int worst = 0;
                for (int i = 1; i < entries.size(); i++) {
                    if (worse(entries.get(i), entries.get(worst))) {
                        worst = i;
                    }
                }
                if (worse(entries.get(worst), e)) {
                    entries.set(worst, e);
                }
            }
        }
    }

    /** Whether {@code a} fits the sample less well than {@code b}. */
    private boolean worse(Entry a, Entry b) {
        return pick == Pick.LOWEST ? a.score() > b.score() : a.score() < b.score();
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Draws the sample sorted by score (ascending if {@code ascending}), {@code columns} tiles per row,
     * under a title. {@code partner} loads the kept patch a duplicate points to (or null if unavailable).
     */
    static BufferedImage render(String title, List<Entry> sample, boolean ascending, int columns,
            IntFunction<BufferedImage> partner) {
        List<Entry> sorted = new ArrayList<>(sample);
        Comparator<Entry> byScore = Comparator.comparingDouble(Entry::score);
        sorted.sort(ascending ? byScore : byScore.reversed());
        List<BufferedImage[]> tiles = new ArrayList<>();
        for (Entry e : sorted) {
            BufferedImage own = PatchImages.image(e.pixels(), e.size());
            BufferedImage other = e.partnerId() >= 0 ? partner.apply(e.partnerId()) : null;
            tiles.add(other == null ? new BufferedImage[] {own} : new BufferedImage[] {own, other});
        }
        int cellW = TILE + GAP;
        int cellH = TILE + CAPTION + GAP;
        int cols = Math.max(1, columns);
        int[] slotOf = new int[tiles.size()];
        int slots = 0;
        for (int i = 0; i < tiles.size(); i++) {
            if (tiles.get(i).length == 2 && slots % cols == cols - 1) {
                slots++; // keep a duplicate and its original on one row
            }
            slotOf[i] = slots;
            slots += tiles.get(i).length;
        }
        int rows = Math.max(1, (slots + cols - 1) / cols);
        int header = 28;
        BufferedImage sheet = new BufferedImage(cols * cellW + GAP, header + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, GAP, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < sorted.size(); i++) {
            BufferedImage[] t = tiles.get(i);
            for (int k = 0; k < t.length; k++) {
                int slot = slotOf[i] + k;
                int x = GAP + (slot % cols) * cellW;
                int y = header + (slot / cols) * cellH;
                g.drawImage(t[k], x, y, TILE, TILE, null);
                g.setColor(k == 0 ? Color.WHITE : new Color(140, 200, 255));
                String[] lines = k == 0 ? sorted.get(i).caption().split("\n", 2)
                        : new String[] {"kept #" + sorted.get(i).partnerId(), "(its original)"};
                g.drawString(fit(g, lines[0]), x, y + TILE + 12);
                if (lines.length > 1) {
                    g.drawString(fit(g, lines[1]), x, y + TILE + 25);
                }
            }
        }
        g.dispose();
        return sheet;
    }

    /** The text, cut at the start with an ellipsis if wider than a tile (the end says most: z, y, x). */
    private static String fit(Graphics2D g, String text) {
        var metrics = g.getFontMetrics();
        if (metrics.stringWidth(text) <= TILE) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && metrics.stringWidth("\u2026" + t) > TILE) {
            t = t.substring(1);
        }
        return "\u2026" + t;
    }

    static void write(BufferedImage sheet, Path file) {
        PatchImages.writePng(sheet, file);
    }
}
