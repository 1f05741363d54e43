package io.salus.node.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** WCAG 2 contrast ratio of computed CSS colours. */
final class Contrast {
    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)(?:, ([\\d.]+))?\\)");

    private Contrast() {
    }

    /** The first non-transparent background colour of the element or its ancestors (white at the root). */
    static String background(WebDriver d, WebElement e) {
        return (String) ((JavascriptExecutor) d).executeScript("""
                let el = arguments[0];
                while (el) {
                  const c = getComputedStyle(el).backgroundColor;
                  if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)')) { return c; }
                  el = el.parentElement;
                }
                return 'rgb(255, 255, 255)';""", e);
    }

    static double ratio(String fg, String bg) {
        double a = luminance(fg);
        double b = luminance(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String css) {
        Matcher m = RGB.matcher(css);
        if (!m.find()) {
            throw new IllegalArgumentException("not an rgb colour: " + css);
        }
        return 0.2126 * channel(m.group(1)) + 0.7152 * channel(m.group(2)) + 0.0722 * channel(m.group(3));
    }

    private static double channel(String v) {
        double c = Integer.parseInt(v) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
