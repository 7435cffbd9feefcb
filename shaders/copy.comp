#version 450
#extension GL_GOOGLE_include_directive : require
// Plain vec4 copy, to measure the device's achievable memory bandwidth.
layout(local_size_x = 256) in;
layout(binding = 0) readonly buffer Src { vec4 src[]; };
layout(binding = 1) writeonly buffer Dst { vec4 dst[]; };
layout(push_constant) uniform CopyBlock { uint n; } pc;

void main() {
    uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i < pc.n) dst[i] = src[i];
}
