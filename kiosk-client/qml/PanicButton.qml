// 一键报警: the big panic button. It fires only after being held for
// holdMs (about 1.5 s) while a ring fills, so a brush does not raise it.
// The hold is measured on a clock (the system's, or clockOverride in
// tests) that a timer reads every frame through update().
import QtQuick

Item {
    id: root
    property int holdMs: 1500
    property real progress: 0          // 0..1 while held
    property bool fired: false         // true once confirmed in this press
    readonly property bool holding: tick.running
    // Milliseconds to use as "now" instead of the system clock; 0 = the
    // system clock. Tests move it to drive the hold.
    property double clockOverride: 0
    property string text: qsTr("一键报警")
    property string hint: qsTr("按住 1.5 秒报警")
    signal confirmed()

    implicitWidth: 520
    implicitHeight: 520

    property double pressedAt: 0

    function now() { return clockOverride > 0 ? clockOverride : Date.now() }

    // Re-reads the clock while held: the ring, and the confirmation once
    // the hold is long enough. Does nothing when not held.
    function update() {
        if (!tick.running) return
        root.progress = Math.min(1, (now() - root.pressedAt) / root.holdMs)
        ring.requestPaint()
        if (root.progress >= 1 && !root.fired) {
            root.fired = true
            tick.stop()
            root.confirmed()
        }
    }

    Timer {
        id: tick
        interval: 16
        repeat: true
        onTriggered: root.update()
    }

    Rectangle {
        id: disc
        anchors.centerIn: parent
        width: Math.min(root.width, root.height) - 60
        height: width
        radius: width / 2
        color: area.pressed ? "#8e0000" : "#c62828"
        border.color: "#ff8a80"
        border.width: 6

        Column {
            anchors.centerIn: parent
            spacing: 12
            Text {
                anchors.horizontalCenter: parent.horizontalCenter
                text: root.text
                color: "white"
                font.pixelSize: 72
                font.bold: true
            }
            Text {
                objectName: "panicHint"
                anchors.horizontalCenter: parent.horizontalCenter
                text: area.pressed && !root.fired ? qsTr("继续按住…") : root.hint
                color: "#ffebee"
                font.pixelSize: 30
            }
        }
    }

    // The progress ring around the button.
    Canvas {
        id: ring
        objectName: "progressRing"
        anchors.fill: parent
        onPaint: {
            var ctx = getContext("2d")
            ctx.reset()
            var r = Math.min(width, height) / 2 - 14
            ctx.lineWidth = 22
            ctx.strokeStyle = "rgba(255,255,255,0.15)"
            ctx.beginPath()
            ctx.arc(width / 2, height / 2, r, 0, 2 * Math.PI)
            ctx.stroke()
            if (root.progress > 0) {
                ctx.strokeStyle = "#ffd54f"
                ctx.beginPath()
                ctx.arc(width / 2, height / 2, r, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * root.progress)
                ctx.stroke()
            }
        }
    }

    MouseArea {
        id: area
        objectName: "panicArea"
        anchors.fill: parent
        onPressed: {
            root.fired = false
            root.pressedAt = root.now()
            root.progress = 0
            tick.start()
        }
        onReleased: root.reset()
        onCanceled: root.reset()
    }

    function reset() {
        tick.stop()
        progress = 0
        ring.requestPaint()
    }
}
