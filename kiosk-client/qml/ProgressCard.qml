// The latest press and where it is: 已送达值班台 → 值班员 X 已确认 (time)
// → 已处置, or saved/withdrawn/refused; whether the server escalated it
// beyond the desk (已上报领导小组) or recorded it as planned, or added it to
// the open report of the same kind (已并入正在处理的报警); with the
// withdraw button while the server's withdraw window is open.
import QtQuick
import Hall.Kiosk

Rectangle {
    id: root
    required property KioskController controller
    signal withdrawRequested()

    readonly property int stage: controller.currentStage
    radius: 18
    color: "#f5f7fa"
    implicitHeight: 300

    function stepColor(done) { return done ? "#2e7d32" : "#b0bec5" }

    Column {
        anchors.fill: parent
        anchors.margins: 28
        spacing: 18

        Row {
            spacing: 24
            width: parent.width
            Text {
                objectName: "categoryText"
                text: (root.controller.currentDrill ? qsTr("【演练】") : "")
                      + qsTr("已报警：%1").arg(root.controller.currentCategoryName)
                font.pixelSize: 38
                font.bold: true
                color: "#0f2233"
            }
            Text {
                objectName: "stageText"
                anchors.baseline: parent.children[0].baseline
                font.pixelSize: 34
                font.bold: true
                color: root.stage === KioskController.Refused ? "#c62828"
                     : root.stage === KioskController.Saved ? "#e65100" : "#2e7d32"
                text: {
                    switch (root.stage) {
                    case KioskController.Saved: return qsTr("已保存，正在发送…")
                    case KioskController.Delivered: return qsTr("已送达值班台")
                    case KioskController.Acknowledged:
                        return qsTr("%1 已确认（%2）").arg(root.controller.currentAcknowledgedBy)
                                                              .arg(root.controller.currentAcknowledgedAt)
                    case KioskController.Resolved: return qsTr("已处置")
                    case KioskController.Withdrawn: return qsTr("已撤回（记录已保留）")
                    case KioskController.Refused: return qsTr("未被受理：%1").arg(root.controller.currentError)
                    }
                    return ""
                }
            }
        }

        // Escalated beyond the desk by the server's chain, or recorded as
        // a planned (announced) interruption.
        Text {
            objectName: "escalationText"
            visible: text !== ""
            font.pixelSize: 32
            font.bold: true
            color: root.controller.currentPlanned ? "#37474f" : "#c62828"
            text: root.controller.currentPlanned
                  ? qsTr("计划内（已公告）：已记录在案，不再上报")
                  : root.controller.currentEscalation
        }

        // Pressed again while its report is open: the server counted it on
        // that report instead of making another.
        Text {
            objectName: "foldedText"
            visible: root.controller.currentFolded && root.stage !== KioskController.Refused
            font.pixelSize: 30
            font.bold: true
            color: "#1565c0"
            text: qsTr("已并入正在处理的报警")
        }

        // The three steps the guide watches.
        Row {
            spacing: 16
            Repeater {
                model: [
                    { label: qsTr("已送达值班台"), at: KioskController.Delivered },
                    { label: qsTr("值班员已确认"), at: KioskController.Acknowledged },
                    { label: qsTr("已处置"), at: KioskController.Resolved }
                ]
                delegate: Row {
                    spacing: 16
                    required property var modelData
                    required property int index
                    readonly property bool done: root.stage >= modelData.at && root.stage <= KioskController.Resolved
                    Rectangle {
                        width: 56; height: 56; radius: 28
                        color: root.stepColor(parent.done)
                        Text { anchors.centerIn: parent; text: parent.parent.done ? "✓" : (index + 1); color: "white"; font.pixelSize: 30; font.bold: true }
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: modelData.label
                        font.pixelSize: 30
                        color: parent.done ? "#1b5e20" : "#78909c"
                    }
                    Text {
                        visible: index < 2
                        anchors.verticalCenter: parent.verticalCenter
                        text: "  →  "
                        font.pixelSize: 30
                        color: "#90a4ae"
                    }
                }
            }
        }

        Row {
            spacing: 24
            BigButton {
                objectName: "withdrawButton"
                visible: root.controller.withdrawSecondsLeft > 0
                width: 560
                text: qsTr("误报撤回（%1 秒）").arg(root.controller.withdrawSecondsLeft)
                baseColor: "#e65100"
                onClicked: root.withdrawRequested()
            }
            BigButton {
                width: 260
                text: qsTr("收起")
                baseColor: "#546e7a"
                onClicked: root.controller.dismissCurrent()
            }
        }
    }
}
