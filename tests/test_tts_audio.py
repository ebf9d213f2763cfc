"""Loudness, true peak and MP3: every clip leaves at −16 LUFS with peaks under −1 dBTP."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from mutagen.mp3 import MP3
from scipy.signal import resample_poly

from publisher.tts import SAMPLE_RATE, TARGET_LUFS, TRUE_PEAK_CEILING_DBTP
from publisher.tts.audio import (
    decode_mp3,
    encode_mp3,
    loudness,
    mp3_duration,
    normalize,
    pause_mp3,
    publishable_mp3,
    samples,
    silence,
    to_pcm,
    true_peak,
)


def speech_like(seconds: float, level: float, peaky: bool = False) -> np.ndarray:
    """Bursts of a harmonic tone with noise, like syllables; `peaky` adds clicks far above the rest."""
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    rng = np.random.default_rng(7)
    voiced = sum(np.sin(2 * np.pi * f * t) / k for k, f in enumerate((180, 360, 540, 900), 1))
    envelope = (np.sin(2 * np.pi * 3.1 * t) > -0.2).astype(float)
    signal = level * (voiced * envelope + 0.05 * rng.standard_normal(len(t)))
    if peaky:
        signal[:: SAMPLE_RATE // 3] = 0.99
    return np.clip(signal, -1, 1)


def reference_true_peak(signal: np.ndarray) -> float:
    """A plain 4× oversampling meter (scipy's polyphase resampler) to check ours against."""
    return 20 * np.log10(np.max(np.abs(resample_poly(signal, 4, 1))))


@pytest.mark.parametrize(("level", "peaky"), [(0.02, False), (0.3, False), (0.05, True), (0.6, True)])
def test_published_mp3_meets_loudness_and_true_peak(level: float, peaky: bool) -> None:
    mp3, seconds = publishable_mp3(to_pcm(speech_like(6.0, level, peaky)))
    decoded = samples(decode_mp3(mp3))
    assert loudness(decoded) == pytest.approx(TARGET_LUFS, abs=0.5)
    assert true_peak(decoded) <= TRUE_PEAK_CEILING_DBTP
    assert reference_true_peak(decoded) <= TRUE_PEAK_CEILING_DBTP + 0.05
    assert seconds == pytest.approx(6.0, abs=1 / SAMPLE_RATE)


def test_a_quiet_peaky_voice_is_limited_not_just_turned_down() -> None:
    # A gain guard alone would leave this clip far below −16 LUFS to keep its clicks under the ceiling.
    original = speech_like(6.0, 0.05, peaky=True)
    plain_gain_guard = loudness(original) - (true_peak(original) - TRUE_PEAK_CEILING_DBTP)
    assert plain_gain_guard < TARGET_LUFS - 3
    assert loudness(normalize(original)) > TARGET_LUFS - 0.5


@pytest.mark.parametrize("level", [0.05, 0.4, 0.9])
def test_true_peak_meter_agrees_with_plain_oversampling(level: float) -> None:
    signal = speech_like(3.0, level, peaky=True) * 0.99
    assert true_peak(signal) == pytest.approx(reference_true_peak(signal), abs=0.2)


def test_silence_and_empty_audio_pass_through() -> None:
    assert np.array_equal(normalize(samples(silence(1.0))), samples(silence(1.0)))
    assert len(normalize(np.zeros(0))) == 0
    mp3, seconds = publishable_mp3(silence(1.0))
    assert seconds == 1.0 and max(decode_mp3(mp3)) == 0


def test_mp3_is_24_khz_mono_48_kbps_and_deterministic() -> None:
    pcm = to_pcm(normalize(speech_like(4.0, 0.2)))
    first, second = encode_mp3(pcm), encode_mp3(pcm)
    assert first == second
    info = MP3(BytesIO(first)).info
    assert (info.sample_rate, info.channels, info.bitrate) == (24_000, 1, 48_000)
    assert info.length == pytest.approx(4.0, abs=0.15)
    assert mp3_duration(first) == len(decode_mp3(first)) / 2 / SAMPLE_RATE == pytest.approx(4.0, abs=0.15)


def test_joined_mp3_frames_decode_to_the_sum_of_their_parts() -> None:
    speech = encode_mp3(to_pcm(normalize(speech_like(2.0, 0.2))))
    joined = speech + pause_mp3(1.5) + speech
    assert mp3_duration(joined) == pytest.approx(2 * mp3_duration(speech) + mp3_duration(pause_mp3(1.5)))
    assert len(decode_mp3(joined)) / 2 / SAMPLE_RATE == pytest.approx(mp3_duration(joined))
