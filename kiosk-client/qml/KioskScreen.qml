// The kiosk screen (报警终端界面): hall and place, the time, the connection
// state; the hold-to-confirm panic button; the quick-report buttons, which
// come from the server's taxonomy (controller.buttons, in its order); the
// progress of the latest press; the offline banner, and the simulated-clock
// banner while the server runs accelerated; the drill banner (striped
// amber, 演练进行中 / 演练已暂停 with the drill's latest message) while this
// kiosk takes part in a drill, with the 演练上报 toggle: armed, the next
// press goes as a drill press (the screen framed in purple until it has);
// every other press is real. The silent alarm
// (静默报警) is raised by holding the clock for two seconds: nothing on
// the screen turns red, only the clock's small dot blinks once.
import QtQuick
import QtQuick.Controls
import Hall.Kiosk

Rectangle {
    id: screen
    required property KioskController controller
    property QtObject language: null
    property bool alarmFlash: false
    color: alarmFlash ? "#4a0d0d" : "#0f2233"

    Timer {
        id: flashOff
        interval: 3000
        onTriggered: screen.alarmFlash = false
    }

    // ---------------------------------------------------------- top bar
    Rectangle {
        id: topBar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 130
        color: "#13314a"

        Column {
            anchors { left: parent.left; leftMargin: 40; verticalCenter: parent.verticalCenter }
            spacing: 6
            Text {
                objectName: "hallName"
                text: screen.controller.hallName !== "" ? screen.controller.hallName : qsTr("正在连接大厅…")
                color: "white"
                font.pixelSize: 42
                font.bold: true
            }
            Text {
                objectName: "placeName"
                text: qsTr("位置：%1 · 终端 %2").arg(screen.controller.placeName !== "" ? screen.controller.placeName : "—")
                                              .arg(screen.controller.kioskId)
                color: "#b0c4de"
                font.pixelSize: 28
            }
        }

        Row {
            anchors { right: parent.right; rightMargin: 40; verticalCenter: parent.verticalCenter }
            spacing: 36

            Rectangle {
                id: pill
                anchors.verticalCenter: parent.verticalCenter
                width: stateText.implicitWidth + 70
                height: 60
                radius: 30
                color: screen.controller.connectionState === 0 ? "#1b5e20"
                     : screen.controller.connectionState === 1 ? "#e65100" : "#b71c1c"
                Rectangle {
                    width: 20; height: 20; radius: 10; color: "white"
                    anchors { left: parent.left; leftMargin: 20; verticalCenter: parent.verticalCenter }
                }
                Text {
                    id: stateText
                    objectName: "connectionText"
                    anchors { left: parent.left; leftMargin: 52; verticalCenter: parent.verticalCenter }
                    text: screen.controller.connectionText
                    color: "white"
                    font.pixelSize: 28
                    font.bold: true
                }
            }

            // The clock; holding it raises the silent alarm.
            Item {
                id: clockBox
                objectName: "clock"
                anchors.verticalCenter: parent.verticalCenter
                width: clock.implicitWidth + 30
                height: 90
                property date now: new Date()
                Timer {
                    interval: 1000; running: true; repeat: true
                    onTriggered: clockBox.now = new Date()
                }
                Text {
                    id: clock
                    anchors.centerIn: parent
                    text: Qt.formatDateTime(clockBox.now, "yyyy-MM-dd  HH:mm:ss")
                    color: "white"
                    font.pixelSize: 40
                    font.family: "Noto Sans Mono CJK SC"
                }
                Rectangle {
                    id: silentDot
                    width: 8; height: 8; radius: 4
                    anchors { right: parent.right; top: parent.top }
                    color: "#13314a"
                    SequentialAnimation {
                        id: silentBlink
                        ColorAnimation { target: silentDot; property: "color"; to: "#66bb6a"; duration: 150 }
                        PauseAnimation { duration: 600 }
                        ColorAnimation { target: silentDot; property: "color"; to: "#13314a"; duration: 150 }
                    }
                }
                MouseArea {
                    objectName: "silentArea"
                    anchors.fill: parent
                    pressAndHoldInterval: 2000
                    onPressAndHold: {
                        if (screen.controller.silentAlarm() === "") silentBlink.start()
                    }
                }
            }

            BigButton {
                objectName: "languageButton"
                anchors.verticalCenter: parent.verticalCenter
                visible: screen.language !== null
                implicitWidth: 140
                implicitHeight: 70
                fontSize: 26
                text: screen.language && screen.language.language === "en" ? "中文" : "English"
                onClicked: screen.language.setLanguage(screen.language.language === "en" ? "zh" : "en")
            }
        }
    }

    // ---------------------------------------------------------- banners
    // An accelerated server clock must never be mistaken for service.
    Rectangle {
        id: clockBanner
        objectName: "clockBanner"
        anchors { left: parent.left; right: parent.right; top: topBar.bottom }
        height: visible ? 70 : 0
        visible: screen.controller.clockAccelerated
        color: "#6a1b9a"
        Text {
            objectName: "clockText"
            anchors.centerIn: parent
            width: parent.width - 40
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: screen.controller.clockText
            color: "white"
            font.pixelSize: 32
            font.bold: true
        }
    }
    // A drill (演练) this kiosk takes part in: unmistakable, and a real
    // press stays real unless the drill press is armed on purpose.
    Rectangle {
        id: drillBanner
        objectName: "drillBanner"
        anchors { left: parent.left; right: parent.right; top: clockBanner.bottom }
        height: visible ? (screen.controller.drillMessage !== "" ? 150 : 104) : 0
        visible: screen.controller.drillActive
        color: screen.controller.drillPaused ? "#c7a500" : "#ffa000"
        clip: true
        // Diagonal stripes, as on warning tape.
        Repeater {
            model: Math.ceil(drillBanner.width / 70) + 4
            Rectangle {
                required property int index
                x: index * 70 - 140
                y: -60
                width: 28
                height: drillBanner.height + 120
                rotation: 30
                color: "#40000000"
            }
        }
        Rectangle {
            anchors { left: parent.left; leftMargin: 24; verticalCenter: parent.verticalCenter }
            width: drillColumn.width + 40
            height: drillColumn.height + 20
            radius: 10
            color: screen.controller.drillPaused ? "#e6c7a500" : "#e6ffa000"
            Column {
                id: drillColumn
                anchors.centerIn: parent
                spacing: 4
                Text {
                    objectName: "drillText"
                    text: screen.controller.drillPaused
                          ? qsTr("演练已暂停：%1").arg(screen.controller.drillName)
                          : qsTr("演练进行中：%1").arg(screen.controller.drillName)
                    color: "#1a1a1a"
                    font.pixelSize: 40
                    font.bold: true
                }
                Text {
                    objectName: "drillMessageText"
                    visible: screen.controller.drillMessage !== ""
                    width: Math.min(implicitWidth, drillBanner.width - drillToggle.width - 140)
                    elide: Text.ElideRight
                    text: screen.controller.drillMessage
                    color: "#1a1a1a"
                    font.pixelSize: 28
                }
            }
        }
        BigButton {
            id: drillToggle
            objectName: "drillToggle"
            anchors { right: parent.right; rightMargin: 24; verticalCenter: parent.verticalCenter }
            implicitWidth: screen.controller.drillArmed ? 620 : 300
            implicitHeight: 84
            fontSize: screen.controller.drillArmed ? 26 : 32
            enabledState: !screen.controller.drillPaused
            baseColor: screen.controller.drillArmed ? "#6a1b9a" : "#263238"
            text: screen.controller.drillArmed
                  ? qsTr("演练上报已开启：下一次报警按演练发送（点此取消）")
                  : qsTr("演练上报")
            onClicked: screen.controller.drillArmed = !screen.controller.drillArmed
        }
    }
    Rectangle {
        id: banner
        objectName: "offlineBanner"
        anchors { left: parent.left; right: parent.right; top: drillBanner.bottom }
        height: visible ? 84 : 0
        visible: !screen.controller.connected
        color: screen.controller.queuedCount > 0 ? "#b71c1c" : "#e65100"
        Text {
            objectName: "offlineText"
            anchors.centerIn: parent
            text: screen.controller.queuedCount > 0
                  ? qsTr("网络中断，报警已保存，将自动重发（%1 条待发送）").arg(screen.controller.queuedCount)
                  : qsTr("网络中断，正在重新连接…")
            color: "white"
            font.pixelSize: 34
            font.bold: true
        }
    }
    Text {
        id: problem
        objectName: "problemText"
        anchors { left: parent.left; right: parent.right; top: banner.bottom; margins: 20 }
        visible: screen.controller.problem !== ""
        text: screen.controller.problem
        color: "#ffab91"
        font.pixelSize: 24
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }

    // ---------------------------------------------------------- main area
    Item {
        id: body
        anchors {
            left: parent.left; right: parent.right
            top: problem.visible ? problem.bottom : banner.bottom
            bottom: card.visible ? card.top : parent.bottom
            margins: 30
        }

        PanicButton {
            id: panicButton
            objectName: "panicButton"
            anchors { left: parent.left; leftMargin: 40; verticalCenter: parent.verticalCenter }
            width: Math.min(600, body.height)
            height: width
            onConfirmed: {
                var problem = screen.controller.panic()
                if (problem === "") {
                    screen.alarmFlash = true
                    flashOff.restart()
                } else {
                    toast.show(problem)
                }
            }
        }

        Grid {
            id: grid
            objectName: "quickReports"
            readonly property int rows: Math.max(1, Math.ceil(buttons.count / columns))
            anchors { left: panicButton.right; leftMargin: 60; right: parent.right; verticalCenter: parent.verticalCenter }
            columns: buttons.count > 10 ? 3 : 2
            spacing: 24
            Repeater {
                id: buttons
                model: screen.controller.buttons
                delegate: BigButton {
                    required property string buttonId
                    required property string category
                    required property string label
                    objectName: "report_" + buttonId
                    width: (grid.width - (grid.columns - 1) * grid.spacing) / grid.columns
                    height: Math.min(130, (body.height - (grid.rows - 1) * grid.spacing) / grid.rows)
                    text: label
                    fontSize: grid.columns > 2 ? 32 : 38
                    baseColor: "#1e4d73"
                    onClicked: sheet.openFor(category, label)
                }
            }
        }
        // A kiosk that never reached its server has no buttons yet; the
        // panic button works regardless.
        Text {
            objectName: "noButtonsText"
            visible: buttons.count === 0
            anchors { left: panicButton.right; leftMargin: 60; right: parent.right; verticalCenter: parent.verticalCenter }
            text: qsTr("快捷上报按钮将在连接服务器后显示；紧急情况请按住左侧一键报警")
            color: "#b0c4de"
            font.pixelSize: 32
            wrapMode: Text.WordWrap
        }
    }

    ProgressCard {
        id: card
        objectName: "progressCard"
        controller: screen.controller
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 30 }
        // One line more while it says where the chain took the press.
        height: 280 + (screen.controller.currentEscalation !== "" || screen.controller.currentPlanned
                       ? 70 : 0) + (screen.controller.currentFolded ? 56 : 0)
        visible: screen.controller.hasCurrent
        onWithdrawRequested: withdrawSheet.openSheet()
    }

    ReportSheet {
        id: sheet
        objectName: "reportSheet"
        controller: screen.controller
    }
    WithdrawSheet {
        id: withdrawSheet
        objectName: "withdrawSheet"
        controller: screen.controller
    }

    // A short message (withdraw done, refused …).
    Rectangle {
        id: toast
        objectName: "toast"
        property alias text: toastText.text
        function show(t) { text = t; visible = true; toastTimer.restart() }
        visible: false
        anchors { horizontalCenter: parent.horizontalCenter; top: topBar.bottom; topMargin: 120 }
        width: toastText.implicitWidth + 80
        height: 90
        radius: 45
        color: "#263238"
        z: 10
        Text { id: toastText; anchors.centerIn: parent; color: "white"; font.pixelSize: 30 }
        Timer { id: toastTimer; interval: 4000; onTriggered: toast.visible = false }
    }
    Connections {
        target: screen.controller
        function onNotice(text) { toast.show(text) }
    }
    // Armed for a drill press: the whole screen framed until it is sent.
    Rectangle {
        objectName: "drillArmedFrame"
        anchors.fill: parent
        visible: screen.controller.drillArmed
        color: "transparent"
        border.color: "#8e24aa"
        border.width: 14
        z: 20
    }
}
