// The kiosk during a drill (演练): a heartbeat naming a drill shows the
// striped banner with its name and latest message, and 演练已暂停 while it
// is paused (the toggle then off); the 演练上报 toggle armed frames the
// screen, the next quick report goes as a drill press (the card says
// 【演练】) and the toggle is off again, so the press after it is real;
// a heartbeat without the drill takes the banner away and disarms.
import QtQuick
import QtTest
import Hall.Kiosk

Item {
    id: root
    width: 1920
    height: 1080

    Component {
        id: screenComponent
        KioskScreen {
            width: 1920
            height: 1080
            controller: kioskController
        }
    }

    TestCase {
        name: "KioskDrill"
        when: windowShown

        function createScreen() {
            var screen = createTemporaryObject(screenComponent, root)
            verify(screen)
            var grid = findChild(screen, "quickReports")
            tryVerify(function() { return !isPolishScheduled(grid) }, 5000)
            return screen
        }

        function initTestCase() {
            verify(kioskTest.loadTaxonomy())
            kioskTest.setLimits(200, 120)
        }

        function cleanup() {
            kioskTest.heartbeatDrill("", "", "", "", false)
        }

        function sendFire(screen) {
            mouseClick(findChild(screen, "report_fire"))
            var sheet = findChild(screen, "reportSheet")
            tryVerify(function() { return sheet.opened }, 2000)
            return sheet
        }

        function test_banner_follows_the_heartbeat() {
            var screen = createScreen()
            var banner = findChild(screen, "drillBanner")
            verify(banner)
            verify(!banner.visible)
            kioskTest.heartbeatDrill("drill-1", "突发停电演练", "Power failure drill",
                                     "（演练）供电部门答复：预计30分钟恢复", false)
            verify(banner.visible)
            compare(findChild(screen, "drillText").text, "演练进行中：突发停电演练")
            var message = findChild(screen, "drillMessageText")
            verify(message.visible)
            compare(message.text, "（演练）供电部门答复：预计30分钟恢复")
            kioskController.setLanguage("en")
            verify(findChild(screen, "drillText").text.indexOf("Power failure drill") >= 0)
            kioskController.setLanguage("zh")

            // Paused: said so, and no drill press meanwhile.
            kioskTest.heartbeatDrill("drill-1", "突发停电演练", "Power failure drill", "", true)
            compare(findChild(screen, "drillText").text, "演练已暂停：突发停电演练")
            verify(!findChild(screen, "drillMessageText").visible)
            mouseClick(findChild(screen, "drillToggle"))
            verify(!kioskController.drillArmed)

            // The drill over: the banner goes.
            kioskTest.heartbeatDrill("", "", "", "", false)
            verify(!banner.visible)
            verify(!kioskController.drillActive)
        }

        function test_armed_press_goes_as_drill_once() {
            var screen = createScreen()
            kioskTest.heartbeatDrill("drill-1", "突发停电演练", "Power failure drill", "", false)
            var toggle = findChild(screen, "drillToggle")
            var frame = findChild(screen, "drillArmedFrame")
            verify(!kioskController.drillArmed)  // real by default
            verify(!frame.visible)

            // A press without arming is real.
            var sheet = sendFire(screen)
            compare(findChild(sheet.contentItem, "sendButton").text, "发送到值班台")
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            tryVerify(function() { return !sheet.visible }, 2000)
            verify(!kioskController.currentDrill)

            // Armed: the screen framed, the sheet says so, the press is a drill.
            mouseClick(toggle)
            verify(kioskController.drillArmed)
            verify(frame.visible)
            sheet = sendFire(screen)
            compare(findChild(sheet.contentItem, "sendButton").text, "按演练发送到值班台")
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            tryVerify(function() { return !sheet.visible }, 2000)
            verify(kioskController.currentDrill)
            verify(findChild(screen, "categoryText").text.indexOf("【演练】已报警：") === 0)
            // … once: disarmed, the next press is real again.
            verify(!kioskController.drillArmed)
            verify(!frame.visible)
            sheet = sendFire(screen)
            mouseClick(findChild(sheet.contentItem, "sendButton"))
            tryVerify(function() { return !sheet.visible }, 2000)
            verify(!kioskController.currentDrill)

            // Armed, then the drill ends: disarmed with it.
            mouseClick(toggle)
            verify(kioskController.drillArmed)
            kioskTest.heartbeatDrill("", "", "", "", false)
            verify(!kioskController.drillArmed)
            verify(!frame.visible)
        }
    }
}
