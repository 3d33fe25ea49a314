"""Debian's headless Chromium through Selenium: the browser of the report tests, and
the report's first screen as a PNG for the README (``make report-screenshot``)."""

import sys
import tempfile
from pathlib import Path

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--hide-scrollbars=false")
DESKTOP, PHONE = (1280, 800), (390, 844)  # CSS pixels of the viewport


def installed() -> bool:
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


def start(profile: Path):
    """A headless Chromium with its browser console recorded, its profile in ``profile``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def set_viewport(driver, width: int, height: int, mobile: bool = False) -> None:
    """The page's viewport in CSS pixels, as a device of that size shows it (DevTools'
    device metrics: the window's frame is not counted)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})


def screenshot(page: Path, picture: Path, size=DESKTOP) -> None:
    with tempfile.TemporaryDirectory() as profile:
        driver = start(Path(profile))
        try:
            set_viewport(driver, *size)
            driver.get(page.resolve().as_uri())
            picture.write_bytes(driver.get_screenshot_as_png())
        finally:
            driver.quit()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python tests/chromium.py <report index.html> <picture.png>")
    page, picture = map(Path, sys.argv[1:])
    if not page.exists():
        sys.exit(f"{page}: not found; build the report first (make quick, or make pipeline)")
    screenshot(page, picture)
    print(f"{picture}: the first {DESKTOP[0]} x {DESKTOP[1]} px of {page}")
