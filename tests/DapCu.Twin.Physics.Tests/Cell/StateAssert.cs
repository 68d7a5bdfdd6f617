using System.Reflection;

namespace DapCu.Twin.Physics.Tests.Cell;

/// <summary>Field-by-field comparison of state structs (CellState and the structs inside it).</summary>
internal static class StateAssert
{
    public static void Close(object expected, object actual, double relative, string path = "state")
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var f in expected.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            var a = f.GetValue(expected)!;
            var b = f.GetValue(actual)!;
            var name = $"{path}.{f.Name}";
            switch (a)
            {
                case double x:
                    var y = (double)b;
                    Assert.False(double.IsNaN(x) || double.IsNaN(y), $"{name} is NaN");
                    var tolerance = relative * Math.Max(Math.Abs(x), Math.Abs(y)) + 1e-15;
                    Assert.True(Math.Abs(x - y) <= tolerance, $"{name}: {x:R} vs {y:R} (difference {x - y:G3})");
                    break;
                case bool or int or ulong:
                    Assert.True(a.Equals(b), $"{name}: {a} vs {b}");
                    break;
                default:
                    Close(a, b, relative, name);
                    break;
            }
        }
    }
}
