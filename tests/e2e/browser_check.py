#!/usr/bin/env python3
"""Drives newsserve's search page in headless Chromium (python3-selenium + Debian chromium-driver):
loads the page, types a query, clicks a facet and a timeline bar, pages, checks the DOM at each
step, and saves a screenshot. Exit 77 (skip) when Chromium cannot start.
usage: browser_check.py BASE_URL SCREENSHOT_PATH"""
import sys
import time
import urllib.parse

base, shot = sys.argv[1], sys.argv[2]
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as e:
    print(f"skip: python3-selenium not installed ({e})")
    sys.exit(77)

opts = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
          "--lang=de-DE"]:
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
try:
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
except Exception as e:  # no Chromium, no display libraries, sandbox refused …
    print(f"skip: Chromium cannot start: {str(e).splitlines()[0] if str(e) else e}")
    sys.exit(77)

failures = 0


def check(cond, what):
    global failures
    print(("ok   - " if cond else "FAIL - ") + what)
    if not cond:
        failures += 1


def state():
    return urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)


def wait_status(pred, what, timeout=10):
    try:
        WebDriverWait(driver, timeout).until(lambda d: pred(d.find_element(By.ID, "status").text))
        return True
    except Exception:
        check(False, f"{what}: status was {driver.find_element(By.ID, 'status').text!r}")
        return False


try:
    wait = WebDriverWait(driver, 10)
    driver.get(base + "/")
    check(driver.title.startswith("newsindex"), "page loads")
    check(driver.find_element(By.CSS_SELECTOR, "label[for=q]") is not None, "search box has a label")
    box = driver.find_element(By.ID, "q")
    box.send_keys("Klimaschu")
    try:
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#completions option"))
        vals = [o.get_attribute("value") for o in driver.find_elements(By.CSS_SELECTOR, "#completions option")]
        check("Klimaschutz" in vals, f"completions offered while typing: {vals}")
    except Exception:
        check(False, "completions offered while typing")
    box.clear()
    box.send_keys("Berlin", Keys.ENTER)
    wait_status(lambda t: "Treffer" in t and "Berlin" in t, "results for Berlin")
    check(state().get("q") == ["Berlin"], f"the URL holds the query: {driver.current_url}")
    hits = driver.find_elements(By.CSS_SELECTOR, "#results li.hit")
    check(len(hits) == 10, f"a page of 10 results ({len(hits)})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#results mark")) > 0, "matches highlighted with <mark>")
    total = driver.find_element(By.ID, "status").text
    check(total.startswith("13 Treffer"), f"status counts the matches: {total!r}")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#chart rect.bar[role=button]"))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#chart rect.bar")) >= 2, "timeline bars drawn")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#facets [data-facet=source] button")) >= 2, "source facet listed")

    # Paging.
    driver.find_element(By.ID, "next").click()
    wait_status(lambda t: "11–13" in t, "second page")
    check(state().get("offset") == ["10"], "the URL holds the page")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#results li.hit")) == 3, "3 results on page 2")
    driver.find_element(By.ID, "prev").click()
    wait_status(lambda t: "1–10" in t, "back to the first page")

    # A facet as a filter.
    btn = driver.find_element(By.CSS_SELECTOR, "#facets [data-facet=source] button")
    source = btn.find_element(By.CSS_SELECTOR, "span").text
    btn.click()
    wait_status(lambda t: "quelle:" in t, "facet filter applied")
    check(state().get("quelle") == [source], f"the URL holds the facet filter {source}")
    metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#results .meta")]
    check(metas and all(source in m for m in metas), f"every result is from {source}")
    check(any(source in c.text for c in driver.find_elements(By.CSS_SELECTOR, "#chips button")), "active filter chip shown")
    driver.find_element(By.CSS_SELECTOR, "#chips button").click()
    wait_status(lambda t: t.startswith("13 Treffer"), "filter removed")

    # A timeline bar as a period filter.
    bar = driver.find_element(By.CSS_SELECTOR, "#chart rect.bar[role=button]")
    key = bar.get_attribute("data-key")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar)
    wait_status(lambda t: "Treffer" in t and not t.startswith("13 Treffer"), "timeline bar filters")
    s = state()
    check(s.get("since", [""])[0].startswith(key[:4]) and "until" in s, f"the URL holds the bar's period ({key}): {s}")
    check(driver.find_element(By.ID, "since").get_attribute("value") == s["since"][0], "date field shows the period")

    # Bookmarked state reloads as it was; markup in the query is shown as text.
    driver.get(base + "/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20Streik&sort=date")
    wait_status(lambda t: "Treffer" in t, "bookmarked URL restores the search")
    check(driver.find_element(By.ID, "sort").get_attribute("value") == "date", "sort restored from the URL")
    check(not driver.find_elements(By.CSS_SELECTOR, "#main img"), "markup in the query is not rendered")
    check("<img" in driver.find_element(By.ID, "status").text, "markup in the query is shown as text")

    # Copies of a story, agencies, "Meinten Sie"; the screenshot for the README.
    driver.get(base + "/?q=Strompreis%20Haushalte")
    wait_status(lambda t: "Treffer" in t, "Strompreis Haushalte")
    first = driver.find_element(By.CSS_SELECTOR, "#results li.hit")
    check("auch bei: mainecho.de" in first.text, "the first result names its copy (auch bei)")
    check("Agentur: dpa" in first.text, "the first result names its agency")
    driver.save_screenshot(shot)
    print(f"screenshot: {shot}")
    driver.get(base + "/?q=Bundesgerihct")
    wait_status(lambda t: "Keine Treffer" in t, "misspelt query")
    sug = driver.find_element(By.ID, "suggestion")
    check(sug.is_displayed() and "Meinten Sie: Bundesgericht" in sug.text, f"Meinten Sie offered: {sug.text!r}")
    sug.find_element(By.TAG_NAME, "a").click()
    wait_status(lambda t: "Bundesgericht" in t and "Treffer für" in t and not t.startswith("Keine"), "the suggestion searches")

    # Phone width: one column, nothing wider than the screen.
    driver.set_window_size(390, 844)
    driver.get(base + "/?q=Berlin")
    wait_status(lambda t: "Treffer" in t, "phone width search")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    check(width <= inner, f"no horizontal scrolling at phone width ({width} <= {inner})")
finally:
    driver.quit()

print(f"{failures} failed")
sys.exit(1 if failures else 0)
