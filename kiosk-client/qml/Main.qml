// The kiosk's window: full screen, one KioskScreen in it.
import QtQuick
import QtQuick.Window
import Hall.Kiosk

Window {
    id: win
    required property KioskController controller
    required property QtObject language
    width: 1920
    height: 1080
    visible: true
    title: qsTr("一键报警终端")
    color: "#0f2233"

    KioskScreen {
        anchors.fill: parent
        visible: !win.controller.needsEnrollment
        controller: win.controller
        language: win.language
    }
    // A kiosk with no credential yet: its first run.
    EnrollScreen {
        anchors.fill: parent
        visible: win.controller.needsEnrollment
        controller: win.controller
        language: win.language
    }
}
