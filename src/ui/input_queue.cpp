#include "ui/input_queue.h"

#include <algorithm>

namespace sv::ui {

namespace {
// ImGui's clock advances by this much per trickled frame: far below its double-click time
// (0.3 s), yet a positive DeltaTime.
constexpr double kTrickleStep = 1e-3;
}  // namespace

void InputQueue::push(const InputEvent& e) {
  if (count_ == kCapacity) {
    ++dropped_;
    return;
  }
  InputEvent& slot = events_[static_cast<std::size_t>((head_ + count_) % kCapacity)];
  slot = e;
  slot.time = now_;
  ++count_;
}

void InputQueue::mouseMove(float x, float y) {
  // Only the latest position between two other events matters.
  if (count_ > 0 && at(count_ - 1).type == InputEventType::MousePos) {
    InputEvent& last = at(count_ - 1);
    last.x = x;
    last.y = y;
    last.time = now_;
    return;
  }
  InputEvent e;
  e.type = InputEventType::MousePos;
  e.x = x;
  e.y = y;
  push(e);
}

void InputQueue::mouseButton(int button, bool down) {
  if (button < 0 || button >= kMouseButtons) {
    ++dropped_;
    return;
  }
  InputEvent e;
  e.type = InputEventType::MouseButton;
  e.code = static_cast<std::uint32_t>(button);
  e.down = down;
  push(e);
}

void InputQueue::wheel(float dx, float dy) {
  InputEvent e;
  e.type = InputEventType::MouseWheel;
  e.x = dx;
  e.y = dy;
  push(e);
}

void InputQueue::key(int code, bool down) {
  if (code < 0 || code >= kKeyCount) {
    ++dropped_;
    return;
  }
  InputEvent e;
  e.type = InputEventType::Key;
  e.code = static_cast<std::uint32_t>(code);
  e.down = down;
  push(e);
}

void InputQueue::character(std::uint32_t codePoint) {
  InputEvent e;
  e.type = InputEventType::Char;
  e.code = codePoint;
  push(e);
}

void InputQueue::focus(bool focused) {
  InputEvent e;
  e.type = InputEventType::Focus;
  e.down = focused;
  push(e);
}

DrainResult InputQueue::drainFrame(InputState& s) {
  s.wheelX = s.wheelY = 0.0f;
  s.charCount = 0;
  s.focusLost = false;

  bool moved = false, wheeled = false, keyChanged = false, text = false;
  unsigned buttonsChanged = 0;
  std::bitset<kKeyCount> keysChanged;
  DrainResult r;
  for (; r.consumed < count_; ++r.consumed) {
    const InputEvent& e = at(r.consumed);
    bool stop = false;
    switch (e.type) {
      case InputEventType::MousePos:
        if (e.x == s.mouseX && e.y == s.mouseY) break;
        if (buttonsChanged != 0 || wheeled || keyChanged || text) {
          stop = true;
          break;
        }
        s.mouseX = e.x;
        s.mouseY = e.y;
        moved = true;
        break;
      case InputEventType::MouseButton: {
        const unsigned bit = 1u << e.code;
        if (s.mouseDown[e.code] == e.down) break;
        if ((buttonsChanged & bit) != 0 || wheeled) {
          stop = true;
          break;
        }
        s.mouseDown[e.code] = e.down;
        buttonsChanged |= bit;
        break;
      }
      case InputEventType::MouseWheel:
        if (e.x == 0.0f && e.y == 0.0f) break;
        if (moved || buttonsChanged != 0) {
          stop = true;
          break;
        }
        s.wheelX += e.x;
        s.wheelY += e.y;
        wheeled = true;
        break;
      case InputEventType::Key:
        if (s.keysDown.test(e.code) == e.down) break;
        if (keysChanged.test(e.code) || text || buttonsChanged != 0) {
          stop = true;
          break;
        }
        s.keysDown.set(e.code, e.down);
        keysChanged.set(e.code);
        keyChanged = true;
        break;
      case InputEventType::Char:
        if (buttonsChanged != 0 || moved || wheeled || s.charCount == InputState::kMaxChars) {
          stop = true;
          break;
        }
        s.chars[static_cast<std::size_t>(s.charCount++)] = e.code;
        text = true;
        break;
      case InputEventType::Focus:
        // A window that loses focus never hears the releases of the keys held then.
        if (!e.down) {
          s.keysDown.reset();
          s.focusLost = true;
        }
        break;
    }
    if (stop) break;
    r.lastTime = e.time;
  }
  head_ = (head_ + r.consumed) % kCapacity;
  count_ -= r.consumed;
  r.remaining = count_ > 0;
  return r;
}

double uiFrameTime(double now, double previous, const DrainResult& d) {
  const double next = previous + kTrickleStep;
  if (d.remaining) return std::max(next, d.consumed > 0 ? d.lastTime : next);
  return std::max(now, next);
}

}  // namespace sv::ui
