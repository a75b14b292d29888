#!/usr/bin/env python3
"""Generates assets/muscles/muscles.json (the committed file) from the OpenSim reference
figures (../shared/reference/muscle_reference_opensim.json) and the anatomical approximations
below. Run from the repository root:  python3 src/muscles/tools/make_muscles_json.py

Mapping of gait2392 (docs/muscles.md, "Re-expressing gait2392"): OpenSim axes (x anterior,
y superior, z right) -> ours for the right side (X = the character's left, Y up, Z anterior):
(x, y, z) -> (-z, y, x). Each point is anchored at the gait2392 joint centre nearest to it on
its body (pelvis: hip centre; femur: hip or knee; tibia: knee or ankle; calcn: ankle), its
offset from that anchor is scaled by S_F (thigh-length ratio: pelvis, femur and the tibia's
insertions within 10 cm of the knee) or S_T (shank ratio: the rest of the tibia and the foot) and added to the matching joint of the default 1.75 m skeleton.
"""
import json, math, os, sys

H = 1.75
REF = os.path.join(os.path.dirname(__file__), '../../../../shared/reference/muscle_reference_opensim.json')
OUT = os.path.join(os.path.dirname(__file__), '../../../assets/muscles/muscles.json')

# ---- default skeleton (fractions of H; see src/anatomy/skeleton.cpp), right side --------
def v(x, y, z): return [x * H, y * H, z * H]
J = {
    'pelvis': v(0, 0.530, 0), 'lumbar': v(0, 0.575, -0.025), 'thoracic': v(0, 0.680, -0.030),
    'cervical': v(0, 0.818, -0.030), 'head': v(0, 0.900, -0.010),
    'clavicle_r': v(-0.015, 0.805, 0.020), 'shoulder_r': v(-0.110, 0.818, 0),
    'elbow_r': v(-0.110, 0.632, 0), 'forearm_r': v(-0.110, 0.559, 0), 'wrist_r': v(-0.110, 0.486, 0),
    'hand_r': v(-0.110, 0.432, 0), 'hip_r': v(-0.051, 0.530, 0), 'knee_r': v(-0.051, 0.285, 0),
    'ankle_r': v(-0.051, 0.039, 0), 'subtalar_r': v(-0.051, 0.027, 0.008), 'toes_r': v(-0.051, 0.012, 0.080),
}
def sub(a, b): return [a[i] - b[i] for i in range(3)]
def add(a, b): return [a[i] + b[i] for i in range(3)]
def mul(a, s): return [x * s for x in a]
def r6(a): return [round(x, 5) for x in a]
def omap(p): return [-p[2], p[1], p[0]]  # OpenSim (right side) -> ours

# ---- SimmSpline (Forsythe, Malcolm & Moler cubic, as OpenSim's SimmSpline) ----------------
def simm(xs, ys):
    n = len(xs); b = [0.0]*n; c = [0.0]*n; d = [0.0]*n
    if n == 2:
        t = xs[1]-xs[0]; b[0] = b[1] = (ys[1]-ys[0])/t
        return lambda x: ys[0] + (x-xs[0])*b[0]
    nm1, nm2 = n-1, n-2
    d[0] = xs[1]-xs[0]; c[1] = (ys[1]-ys[0])/d[0]
    for i in range(1, nm1):
        d[i] = xs[i+1]-xs[i]; b[i] = 2*(d[i-1]+d[i]); c[i+1] = (ys[i+1]-ys[i])/d[i]; c[i] = c[i+1]-c[i]
    b[0] = -d[0]; b[nm1] = -d[nm2]; c[0] = 0.0; c[nm1] = 0.0
    if n > 3:
        d31 = xs[3]-xs[1]; d20 = xs[2]-xs[0]; d1 = xs[nm1]-xs[n-3]; d2 = xs[nm2]-xs[n-4]
        d30 = xs[3]-xs[0]; d3 = xs[nm1]-xs[n-4]
        c[0] = c[2]/d31 - c[1]/d20; c[nm1] = c[nm2]/d1 - c[n-3]/d2
        c[0] = c[0]*d[0]*d[0]/d30; c[nm1] = -c[nm1]*d[nm2]*d[nm2]/d3
    for i in range(1, n):
        t = d[i-1]/b[i-1]; b[i] -= t*d[i-1]; c[i] -= t*c[i-1]
    c[nm1] /= b[nm1]
    for j in range(nm1):
        i = nm2-j; c[i] = (c[i]-d[i]*c[i+1])/b[i]
    b[nm1] = (ys[nm1]-ys[nm2])/d[nm2] + d[nm2]*(c[nm2]+2*c[nm1])
    for i in range(nm1):
        b[i] = (ys[i+1]-ys[i])/d[i] - d[i]*(c[i+1]+2*c[i]); d[i] = (c[i+1]-c[i])/d[i]; c[i] *= 3
    c[nm1] *= 3; d[nm1] = d[nm2]
    def f(x):
        if x < xs[0]: return ys[0] + (x-xs[0])*b[0]
        if x > xs[nm1]: return ys[nm1] + (x-xs[nm1])*b[nm1]
        i = 0
        while i < nm2 and x > xs[i+1]: i += 1
        dx = x-xs[i]; return ys[i] + dx*(b[i] + dx*(c[i] + dx*d[i]))
    return f

ref = json.load(open(REF))
g = ref['gait2392']
jr = g['joints_right_side']
def spline_of(joint, name):
    for t in jr[joint]['spatial_transform']:
        if t['name'] == name: return t['function']
knee_tx = spline_of('knee_r', 'translation1'); knee_ty = spline_of('knee_r', 'translation2')
ftx = simm(knee_tx['x'], knee_tx['y']); fty = simm(knee_ty['x'], knee_ty['y'])
gait_hip = jr['hip_r']['frames']['pelvis_offset']['translation_m']   # in pelvis
gait_knee0 = [ftx(0.0), fty(0.0), 0.0]                                # tibia origin in femur at 0
gait_ankle = jr['ankle_r']['frames']['tibia_r_offset']['translation_m']  # in tibia
gait_subtalar = jr['subtalar_r']['frames']['talus_r_offset']['translation_m']  # in talus
thigh = sub(J['knee_r'], J['hip_r'])[1] * -1
shank = sub(J['ankle_r'], J['knee_r'])[1] * -1
S_F = thigh / -gait_knee0[1]
S_T = shank / -gait_ankle[1]

def deg_knots(xs_rad):
    # gait2392 knee_angle (rad, negative = flexion) -> knee.flexion degrees, increasing
    return [round(-x * 180.0 / math.pi, 4) for x in reversed(xs_rad)]

knee_translation = {
    'source': 'gait2392 knee_r translation1/translation2 (SimmSpline of knee_angle_r), scaled by S_F, in the hip_r frame, relative to the knee position at knee_angle 0',
    'coordinate': 'knee.flexion',
    'anterior': {'knots': deg_knots(knee_tx['x']), 'values': [round(S_F * (y - gait_knee0[0]), 6) for y in reversed(knee_tx['y'])]},
    'vertical': {'knots': deg_knots(knee_ty['x']), 'values': [round(S_F * (y - gait_knee0[1]), 6) for y in reversed(knee_ty['y'])]},
}

def gait_point(body, loc):
    """gait2392 point -> (our bone, position in its frame at H = 1.75)."""
    if body == 'pelvis':
        return 'pelvis', r6(add(sub(J['hip_r'], J['pelvis']), mul(omap(sub(loc, gait_hip)), S_F)))
    if body == 'femur_r':
        if loc[1] > -0.3:
            return 'hip_r', r6(mul(omap(loc), S_F))
        return 'hip_r', r6(add(sub(J['knee_r'], J['hip_r']), mul(omap(sub(loc, gait_knee0)), S_F)))
    if body == 'tibia_r':
        if loc[1] > -0.1:  # insertions at the knee: offsets scale with the thigh (S_F) so the
            # knee moment arms keep their ratio to the thigh-dominated lengths
            return 'knee_r', r6(mul(omap(loc), S_F))
        if loc[1] > gait_ankle[1] / 2:
            return 'knee_r', r6(mul(omap(loc), S_T))
        return 'knee_r', r6(add(sub(J['ankle_r'], J['knee_r']), mul(omap(sub(loc, gait_ankle)), S_T)))
    if body == 'calcn_r':
        in_talus = add(gait_subtalar, loc)
        return 'subtalar_r', r6(sub(mul(omap(in_talus), S_T), sub(J['subtalar_r'], J['ankle_r'])))
    raise SystemExit('unmapped body ' + body)

COORD = {'knee_angle_r': ('knee.flexion', -1.0), 'hip_flexion_r': ('hip.flexion', 1.0)}
def active_of(aw):
    name, sign = COORD[aw['coordinate']]
    a, b = [sign * x * 180.0 / math.pi for x in aw['range_rad']]
    return {'coordinate': name, 'min': round(min(a, b), 3), 'max': round(max(a, b), 3)}

# rect_fem_r-P3 (MovingPathPoint on tibia_r): x/y_location SimmSplines of knee_angle_r from
# the gait2392 model file (the reference JSON names the point but omits its splines); z 0.0014.
RF_X = [-2.0944, -1.99997, -1.5708, -1.45752, -1.39626, -1.0472, -0.698132, -0.526391, -0.349066,
        -0.174533, 0, 0.00017453, 0.00034907, 0.0279253, 0.0872665, 0.174533, 2.0944]
RF_PX = [0.0155805, 0.0179938, 0.0275081, 0.0296564, 0.0307615, 0.0365695, 0.0422074, 0.0450902,
         0.048391, 0.0534299, 0.0617576, 0.0617669, 0.0617762, 0.0633083, 0.066994, 0.0733035, 0.0573481]
RF_PY = [0.0234116, 0.0237613, 0.0251141, 0.0252795, 0.0253146, 0.0249184, 0.0242373, 0.0238447,
         0.0234197, 0.0227644, 0.020984, 0.0209814, 0.0209788, 0.0205225, 0.0191754, 0.0159554, -0.0673774]
RF_PZ = 0.0014

GAIT = [  # (gait2392 name, our id, name, group)
    ('semimem_r', 'semimembranosus', 'Semimembranosus', 'hamstrings'),
    ('semiten_r', 'semitendinosus', 'Semitendinosus', 'hamstrings'),
    ('bifemlh_r', 'biceps_femoris_long', 'Biceps femoris (long head)', 'hamstrings'),
    ('rect_fem_r', 'rectus_femoris', 'Rectus femoris', 'quadriceps'),
    ('psoas_r', 'psoas', 'Psoas major', 'hip_flexors'),
    ('iliacus_r', 'iliacus', 'Iliacus', 'hip_flexors'),
    ('glut_max2_r', 'gluteus_maximus', 'Gluteus maximus (middle band)', 'gluteals'),
    ('add_long_r', 'adductor_longus', 'Adductor longus', 'adductors'),
    ('peri_r', 'piriformis', 'Piriformis', 'piriformis'),
    ('med_gas_r', 'gastrocnemius_medial', 'Gastrocnemius (medial head)', 'calves'),
    ('lat_gas_r', 'gastrocnemius_lateral', 'Gastrocnemius (lateral head)', 'calves'),
    ('soleus_r', 'soleus', 'Soleus', 'calves'),
]
CREDIT = 'OpenSim gait2392 (Delp SL et al. 1990, IEEE Trans Biomed Eng 37:757-767; Anderson & Pandy 1999/2001; opensim-org/opensim-models, CC BY 3.0)'

muscles = []
for gname, mid, name, group in GAIT:
    m = g['muscles_right_side'][gname]
    pts = []
    for p in m['path_points']:
        if p['type'] == 'MovingPathPoint':
            knots = deg_knots(RF_X)
            mv = {'coordinate': 'knee.flexion',
                  'x': round(-S_F * RF_PZ, 6),
                  'y': {'knots': knots, 'values': [round(S_F * y, 6) for y in reversed(RF_PY)]},
                  'z': {'knots': knots, 'values': [round(S_F * x, 6) for x in reversed(RF_PX)]}}
            pts.append({'bone': 'knee_r', 'moving': mv, 'ref': p['name']})
            continue
        bone, pos = gait_point(p['body'], p['location_m'])
        e = {'bone': bone, 'position': pos, 'ref': p['name']}
        if p['type'] == 'ConditionalPathPoint':
            e['active'] = active_of(p['active_when'])
        pts.append(e)
    muscles.append({'id': mid, 'name': name, 'group': group,
                    'source': CREDIT + ': ' + gname + ', re-expressed in our bone frames (docs/muscles.md)',
                    'points': pts})

# ---- arm26 (triceps / biceps long heads) --------------------------------------------------
# arm26 frames (from the arm26 model file): r_humerus origin (glenohumeral centre) at
# (-0.017545, -0.007, 0.17) in base; elbow (r_ulna_radius_hand origin) at (0.0061, -0.2904,
# -0.0123) in r_humerus. Scale S_A = our upper-arm length / arm26 humerus length.
ARM_SH = [-0.017545, -0.007, 0.17]
ARM_EL = [0.0061, -0.2904, -0.0123]
S_A = (J['shoulder_r'][1] - J['elbow_r'][1]) / math.sqrt(sum(x * x for x in ARM_EL))
def arm_point(body, loc):
    if body == 'base':  # scapula rides on the shoulder girdle (clavicle_r)
        return 'clavicle_r', r6(add(sub(J['shoulder_r'], J['clavicle_r']), mul(omap(sub(loc, ARM_SH)), S_A)))
    if body == 'r_humerus':
        if loc[1] > ARM_EL[1] / 2:
            return 'shoulder_r', r6(mul(omap(loc), S_A))
        return 'shoulder_r', r6(add(sub(J['elbow_r'], J['shoulder_r']), mul(omap(sub(loc, ARM_EL)), S_A)))
    if body == 'r_ulna_radius_hand':
        return 'elbow_r', r6(mul(omap(loc), S_A))
    raise SystemExit(body)
ARM_CREDIT = 'OpenSim arm26 upper-limb model (Holzbaur KRS et al. 2005 geometry; opensim-org/opensim-models, CC BY 3.0)'
for aname, mid, name, group in [('TRIlong', 'triceps_long', 'Triceps (long head)', 'triceps'),
                                ('BIClong', 'biceps_long', 'Biceps brachii (long head)', 'biceps')]:
    m = ref['arm26']['muscles'][aname]
    pts = []
    for p in m['path_points']:
        bone, pos = arm_point(p['body'], p['location_m'])
        pts.append({'bone': bone, 'position': pos, 'ref': p['name']})
    muscles.append({'id': mid, 'name': name, 'group': group,
                    'source': ARM_CREDIT + ': ' + aname + ' (straight segments; the model\'s wrapping surfaces are not used)',
                    'points': pts})

# ---- anatomical approximations: model-space landmarks in the anatomical position (metres,
# right side, H = 1.75: x = the character's left, so right is negative; y up; z anterior) ---
def L(bone, x, y, z):
    return {'bone': bone, 'position': r6(sub([x, y, z], J[bone]))}
def LA(bone, anchor, x, y, z):
    # A point on `bone` placed from the `anchor` joint (a scapula via point by the humeral head):
    # the muscle model adds where the anchor sits on the skeleton it is built for.
    return {'bone': bone, 'anchor': anchor, 'position': r6(sub([x, y, z], J[anchor]))}
APPROX = [
    ('pectoralis_major', 'Pectoralis major (sternocostal part)', 'pectorals',
     'sternum and costal cartilages 2-6 -> lateral lip of the bicipital groove',
     [L('thoracic', -0.03, 1.31, 0.09), L('shoulder_r', -0.175, 1.365, 0.035)]),
    ('pectoralis_major_clavicular', 'Pectoralis major (clavicular part)', 'pectorals',
     'medial half of the clavicle -> lateral lip of the bicipital groove',
     [L('clavicle_r', -0.07, 1.43, 0.06), L('shoulder_r', -0.18, 1.37, 0.035)]),
    # Latissimus dorsi as two parts (the group shows the larger share). Both run up the
    # posterolateral chest wall below the axilla, wind round the lower border of teres major
    # onto the front of the humerus and end in the floor of the intertubercular groove.
    # Straight segments stand in for that wrap: the chest-wall via point is fixed to the thorax
    # (the scapula is not on the path), the next one to the humerus (anteromedial shaft, 7 cm
    # below the head centre), so arm elevation and external rotation lengthen the muscle and
    # extension and internal rotation shorten it.
    ('latissimus_dorsi', 'Latissimus dorsi (vertebral part)', 'latissimus_dorsi',
     'spinous processes T7-T12 (thoracolumbar fascia), over the inferior angle of the scapula and the posterolateral chest wall, round the lower border of teres major (via point on the anteromedial humeral shaft) -> floor of the intertubercular groove',
     [L('thoracic', -0.01, 1.25, -0.12), L('thoracic', -0.10, 1.27, -0.11), L('thoracic', -0.13, 1.22, -0.05),
      L('shoulder_r', -0.1775, 1.3615, 0.02), L('shoulder_r', -0.1925, 1.3865, 0.018)]),
    ('latissimus_dorsi_iliac', 'Latissimus dorsi (iliac part)', 'latissimus_dorsi',
     'posterior third of the iliac crest (thoracolumbar fascia), over the lower ribs and the posterolateral chest wall, round the lower border of teres major (via point on the anteromedial humeral shaft) -> floor of the intertubercular groove',
     [L('pelvis', -0.07, 1.03, -0.08), L('thoracic', -0.13, 1.22, -0.05),
      L('shoulder_r', -0.1775, 1.3615, 0.02), L('shoulder_r', -0.1925, 1.3865, 0.018)]),
    ('upper_trapezius', 'Trapezius (upper fibres)', 'upper_trapezius',
     'external occipital protuberance and nuchal ligament -> lateral third of the clavicle and acromion',
     [L('head', -0.015, 1.60, -0.085), L('cervical', -0.04, 1.48, -0.08), L('clavicle_r', -0.15, 1.455, 0.0)]),
    ('neck_extensors', 'Semispinalis capitis / splenius (neck extensors)', 'upper_trapezius',
     'transverse processes C7-T6 -> occiput between the nuchal lines',
     [L('thoracic', -0.02, 1.37, -0.10), L('cervical', -0.02, 1.50, -0.085), L('head', -0.02, 1.595, -0.07)]),
    # Two front-of-neck muscles in the "upper trapezius / neck" group. The neck bends at C7/T1
    # only (docs/anatomy.md), so each spans that joint: side-bending away and extension
    # lengthen both; rotation toward the same side lengthens the sternocleidomastoid.
    ('scalenes', 'Scalenes (anterior and middle)', 'upper_trapezius',
     'transverse processes C3-C6 -> upper surface of the first rib (scalene tubercle and behind it)',
     [L('cervical', -0.025, 1.50, -0.03), L('thoracic', -0.05, 1.425, 0.0)]),
    ('sternocleidomastoid', 'Sternocleidomastoid', 'upper_trapezius',
     'mastoid process and superior nuchal line -> manubrium and medial third of the clavicle',
     [L('head', -0.05, 1.575, -0.03), L('thoracic', -0.025, 1.415, 0.075)]),
    ('levator_scapulae', 'Levator scapulae', 'levator_scapulae',
     'transverse processes C1-C4 -> superior angle of the scapula',
     [L('cervical', -0.035, 1.54, -0.035), L('clavicle_r', -0.075, 1.43, -0.095)]),
    ('deltoid_anterior', 'Deltoid (anterior part)', 'deltoids',
     'lateral third of the clavicle -> deltoid tuberosity',
     [L('clavicle_r', -0.165, 1.445, 0.03), L('shoulder_r', -0.215, 1.40, 0.045), L('shoulder_r', -0.205, 1.30, 0.01)]),
    ('deltoid_posterior', 'Deltoid (posterior part)', 'deltoids',
     'spine of the scapula -> deltoid tuberosity',
     [L('clavicle_r', -0.15, 1.44, -0.09), L('shoulder_r', -0.215, 1.40, -0.04), L('shoulder_r', -0.205, 1.30, 0.0)]),
    # The via point on the scapula behind, below and lateral to the humeral head's centre
    # (3.5 cm back, 1.5 cm down, 1.5 cm out; placed from the shoulder joint, so it stays there
    # on bodies whose shoulder sits differently from the clavicle) stands in for the tendon's wrap over the back
    # of the head: internal rotation carries the insertion away from it with the arm at the
    # side, abducted 90 and flexed 90 (length rises monotonically over -30..60), and across
    # the body up to 30; external rotation at the side shortens it. A point straight behind
    # the centre lies on the humeral axis once the arm is flexed 90, where rotation barely
    # changes the length (the sleeper stretch would not lengthen it).
    ('infraspinatus', 'Infraspinatus / teres minor', 'rotator_cuff',
     'infraspinous fossa -> middle facet of the greater tubercle (lateral and slightly posterior on the humeral head), wrapping over the back of the humeral head (via point behind and below the head)',
     [L('clavicle_r', -0.12, 1.36, -0.10), LA('clavicle_r', 'shoulder_r', -0.2075, 1.4165, -0.035), L('shoulder_r', -0.215, 1.425, -0.01)]),
    # Subscapularis, the mirror of the infraspinatus: its via point at the glenoid (3.5 cm
    # medial to the humeral head's centre, 1.5 cm below and 0.5 cm behind it) stands in for the
    # tendon's wrap over the front of the head to the lesser tubercle. The length is shortest
    # when the tubercle turns toward that point, about 75-90 degrees of internal rotation with
    # the arm at the side, abducted 90 or flexed 90, so over the range used (external rotation
    # 90 to internal rotation 60) external rotation lengthens it and internal rotation shortens
    # it. A via point in front of the head lies where the tubercle passes on internal rotation,
    # and the length then rose both ways.
    ('subscapularis', 'Subscapularis', 'rotator_cuff',
     'subscapular fossa (the scapula\'s costal surface) -> lesser tubercle of the humerus, wrapping over the front of the humeral head (via point in front of and below the head)',
     [L('clavicle_r', -0.115, 1.37, -0.075), LA('clavicle_r', 'shoulder_r', -0.1575, 1.4165, -0.005), L('shoulder_r', -0.1825, 1.4195, 0.022)]),
    ('biceps_short', 'Biceps brachii (short head)', 'biceps',
     'coracoid process -> radial tuberosity',
     [L('clavicle_r', -0.16, 1.42, 0.05), L('shoulder_r', -0.185, 1.30, 0.03), L('elbow_r', -0.19, 1.07, 0.025)]),
    # Adductor magnus, its ischiocondylar ("hamstring") part: from the ischial tuberosity down
    # the back of the inner thigh (via point on the posteromedial shaft) to the adductor
    # tubercle above the medial condyle; hip flexion and abduction lengthen it, the knee not.
    ('adductor_magnus', 'Adductor magnus (ischiocondylar part)', 'adductors',
     'ischial tuberosity and inferior ischial ramus -> adductor tubercle of the medial femoral condyle (via the posteromedial femoral shaft)',
     [L('pelvis', -0.065, 0.885, -0.045), L('hip_r', -0.07, 0.72, -0.03), L('hip_r', -0.05, 0.55, -0.01)]),
    # Tensor fasciae latae with the iliotibial tract, in the hip flexors group (it flexes,
    # abducts and turns the hip in): from the ASIS down the lateral thigh (via points over the
    # greater trochanter's front and the lateral femoral condyle) to Gerdy's tubercle, so hip
    # extension with adduction (the Ober position) lengthens it.
    ('tensor_fasciae_latae', 'Tensor fasciae latae / iliotibial band', 'hip_flexors',
     'anterior superior iliac spine and the outer lip of the iliac crest -> the iliotibial tract -> lateral condyle of the tibia (Gerdy\'s tubercle), via the front of the greater trochanter and the lateral femoral condyle',
     [L('pelvis', -0.125, 1.005, 0.055), L('hip_r', -0.155, 0.87, 0.025), L('hip_r', -0.14, 0.52, 0.0),
      L('knee_r', -0.125, 0.47, 0.02)]),
    ('erector_spinae', 'Erector spinae (lumbar part)', 'erector_spinae',
     'sacrum and posterior iliac crest -> lumbar spinous/transverse processes up to L1 (the lumbar segment; thoracic fibres not modelled)',
     [L('pelvis', -0.03, 0.99, -0.10), L('lumbar', -0.03, 1.08, -0.095), L('lumbar', -0.035, 1.18, -0.10)]),
    ('quadratus_lumborum', 'Quadratus lumborum', 'quadratus_lumborum',
     'posterior iliac crest -> 12th rib and transverse processes L1-L4',
     [L('pelvis', -0.075, 1.02, -0.06), L('lumbar', -0.05, 1.10, -0.06), L('lumbar', -0.06, 1.185, -0.065)]),
    ('rectus_abdominis', 'Rectus abdominis', 'abdominals',
     'pubic crest -> costal cartilages 5-7 and xiphoid process',
     [L('pelvis', -0.02, 0.95, 0.095), L('lumbar', -0.04, 1.10, 0.12), L('thoracic', -0.05, 1.24, 0.12)]),
    # External oblique: the fibres from the lower ribs to the linea alba (the rotators); the
    # linea alba point rides on the lumbar segment, so the path crosses T12/L1 only. The
    # iliac-crest and pubic fibres are not modelled.
    ('external_oblique', 'External oblique', 'abdominals',
     'external surfaces of the lower ribs (9-11, mid-axillary line) -> linea alba below the umbilicus (via the anterolateral abdominal wall); iliac crest and pubic tubercle fibres omitted',
     [L('thoracic', -0.14, 1.22, -0.03), L('lumbar', -0.11, 1.12, 0.09), L('lumbar', 0.0, 1.07, 0.125)]),
    # The long toe flexors (flexor hallucis longus, flexor digitorum longus) in the calves group:
    # they lie in the deep posterior compartment of the leg with the soleus. Behind the medial
    # malleolus, under the sustentaculum tali and the metatarsal heads to the toes' distal
    # phalanges, so ankle dorsiflexion and toe extension lengthen them (the plantar fascia,
    # stretched by the same motions, is not a muscle and is not modelled).
    ('toe_flexors', 'Long toe flexors (flexor hallucis longus, flexor digitorum longus)', 'calves',
     'posterior tibia and fibula (middle half) -> plantar bases of the distal phalanges, behind the medial malleolus and under the sustentaculum tali and the metatarsal heads',
     [L('knee_r', -0.09, 0.30, -0.03), L('knee_r', -0.075, 0.085, -0.03), L('subtalar_r', -0.075, 0.03, 0.02),
      L('subtalar_r', -0.085, 0.0, 0.135), L('toes_r', -0.08, 0.003, 0.19)]),
    # The peroneals (fibularis longus and brevis), the lateral compartment of the leg: down
    # the fibula, behind the lateral malleolus (a via point on the shank) and below it over
    # the calcaneus's lateral face (the peroneal trochlea), the brevis to the fifth
    # metatarsal's tuberosity, the longus under the cuboid across the sole to the first
    # metatarsal's base. They evert and plantarflex the foot, so inversion with dorsiflexion
    # lengthens them.
    ('peroneus_longus', 'Peroneus (fibularis) longus', 'peroneals',
     'head and upper two thirds of the lateral fibula -> plantar base of the first metatarsal and medial cuneiform, behind the lateral malleolus, over the peroneal trochlea and under the cuboid',
     [L('knee_r', -0.13, 0.44, -0.01), L('knee_r', -0.125, 0.20, -0.02), L('knee_r', -0.118, 0.08, -0.03),
      L('subtalar_r', -0.122, 0.035, -0.005), L('subtalar_r', -0.11, 0.01, 0.06), L('subtalar_r', -0.075, 0.012, 0.09)]),
    ('peroneus_brevis', 'Peroneus (fibularis) brevis', 'peroneals',
     'lower two thirds of the lateral fibula -> tuberosity of the fifth metatarsal, behind the lateral malleolus and over the peroneal trochlea',
     [L('knee_r', -0.122, 0.30, -0.01), L('knee_r', -0.116, 0.08, -0.025), L('subtalar_r', -0.12, 0.04, 0.0),
      L('subtalar_r', -0.125, 0.02, 0.07)]),
    # Rhomboid major and minor with the middle trapezius: from the spinous processes C7-T5
    # down and out to the scapula's medial border (the scapula rides on the shoulder girdle,
    # clavicle_r). Protraction carries the border forward round the chest wall and away from
    # the spine; the arm's own motions do not change the path.
    ('rhomboids', 'Rhomboid major and minor / middle trapezius', 'rhomboids',
     'spinous processes C7-T5 -> medial border of the scapula, from the root of its spine to the inferior angle',
     [L('thoracic', -0.005, 1.37, -0.12), L('clavicle_r', -0.085, 1.31, -0.105)]),
    ('tibialis_anterior', 'Tibialis anterior', 'tibialis_anterior',
     'lateral condyle and upper lateral tibia -> medial cuneiform and first metatarsal base (under the extensor retinaculum)',
     [L('knee_r', -0.10, 0.43, 0.03), L('knee_r', -0.085, 0.10, 0.04), L('subtalar_r', -0.075, 0.045, 0.09)]),
    ('forearm_flexors', 'Wrist and finger flexors (flexor carpi radialis/ulnaris, FDS)', 'forearm_flexors',
     'medial epicondyle -> palmar bases of the metacarpals and phalanges (via the carpal tunnel)',
     [L('shoulder_r', -0.165, 1.115, 0.0), L('forearm_r', -0.185, 0.88, 0.03), L('wrist_r', -0.19, 0.83, 0.02), L('hand_r', -0.19, 0.77, 0.012)]),
    ('forearm_extensors', 'Wrist and finger extensors (ECRL/ECRB, ECU, EDC)', 'forearm_extensors',
     'lateral epicondyle -> dorsal bases of the metacarpals and phalanges (under the extensor retinaculum)',
     [L('shoulder_r', -0.22, 1.115, 0.0), L('forearm_r', -0.20, 0.88, -0.03), L('wrist_r', -0.195, 0.835, -0.02), L('hand_r', -0.195, 0.77, -0.012)]),
]
for mid, name, group, text, pts in APPROX:
    muscles.append({'id': mid, 'name': name, 'group': group,
                    'source': 'approximation from anatomical origin/insertion: ' + text, 'points': pts})

# ---- anchors: every fixed point placed from the nearest of its bone's joint and the joints at
# the bone's far end (a femur point by the knee from the knee, a scapula point by the humeral
# head from the shoulder). The muscle model adds where that joint sits on the skeleton it is
# built for, so on a body whose segments have other proportions than the default skeleton's
# (the built-in body: upper arm, pelvis and shoulder girdle) a point stays by the joint it was
# placed by instead of drifting with the segment's length. On the default skeleton the
# positions are unchanged.
CHILDREN = {'pelvis': ['lumbar', 'hip_r'], 'lumbar': ['thoracic'], 'thoracic': ['cervical', 'clavicle_r'],
            'cervical': ['head'], 'head': [], 'clavicle_r': ['shoulder_r'], 'shoulder_r': ['elbow_r'],
            'elbow_r': ['forearm_r'], 'forearm_r': ['wrist_r'], 'wrist_r': ['hand_r'], 'hand_r': [],
            'hip_r': ['knee_r'], 'knee_r': ['ankle_r'], 'ankle_r': ['subtalar_r'],
            'subtalar_r': ['toes_r'], 'toes_r': []}
def dist(a, b): return math.sqrt(sum((a[i] - b[i]) ** 2 for i in range(3)))
for m in muscles:
    for pt in m['points']:
        if 'position' not in pt or 'anchor' in pt:
            continue
        at = add(J[pt['bone']], pt['position'])
        best = pt['bone']
        for c in CHILDREN[pt['bone']]:
            if dist(at, J[c]) < dist(at, J[best]):
                best = c
        if best != pt['bone']:
            pt['anchor'] = best
            pt['position'] = r6(sub(at, J[best]))

doc = {
    'format': 'stretchviz-muscles', 'version': 1,
    'about': 'Muscle-tendon paths for the right side of the default 1.75 m skeleton (positions in metres in each bone\'s frame, scaled with the skeleton\'s height; the left side is the mirror image x -> -x). Generated by src/muscles/tools/make_muscles_json.py; mapping in docs/muscles.md.',
    'credit': 'Lower-limb paths: ' + CREDIT + '. Triceps/biceps long heads: ' + ARM_CREDIT + '. Figures re-expressed in stretchviz bone frames; CC BY 3.0 (https://creativecommons.org/licenses/by/3.0/).',
    'reference_height_m': H,
    'side': 'right',
    'mapping': {'S_F': round(S_F, 5), 'S_T': round(S_T, 5), 'S_A': round(S_A, 5),
                'axes': 'OpenSim (x anterior, y superior, z right) -> ours (-z, y, x)'},
    'knee_translation': knee_translation,
    'muscles': muscles,
}
with open(OUT, 'w') as f:
    json.dump(doc, f, indent=1)
    f.write('\n')
print('S_F', S_F, 'S_T', S_T, 'S_A', S_A, 'knee0', gait_knee0, len(muscles), 'muscles')
