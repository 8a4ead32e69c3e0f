using System.Reflection;
using System.Reflection.Emit;

namespace Grocery.Architecture.Tests;

/// <summary>
/// The types whose constructors an assembly's code calls (<c>newobj</c>), read from the IL of every
/// method, lambda and state machine. Unlike a text search it also sees target-typed <c>new(...)</c>.
/// </summary>
public static class ConstructedTypes
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlySet<Type> In(Assembly assembly)
    {
        var constructed = new HashSet<Type>();
        foreach (var type in assembly.GetTypes())
        {
            IEnumerable<MethodBase> bodies = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
            foreach (var method in bodies)
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
                    Scan(method, il, constructed);
        }
        return constructed;
    }

    private static void Scan(MethodBase method, byte[] il, HashSet<Type> constructed)
    {
        for (var i = 0; i < il.Length;)
        {
            var opCode = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += opCode.Size;
            if (opCode == OpCodes.Newobj)
            {
                var token = BitConverter.ToInt32(il, i);
                var genericArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
                var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
                if (method.Module.ResolveMethod(token, genericArguments, methodArguments)?.DeclaringType is { } type) constructed.Add(type);
            }
            i += OperandSize(opCode.OperandType, il, i);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
